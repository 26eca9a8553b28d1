package io.orderflow.api.service;

import io.orderflow.model.OrderLine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Normalises requested lines: several lines of one product become one line. */
final class OrderLines {
  static final int MAX_QUANTITY = 10_000;

  /**
   * Merges lines of the same product, keeping the order of first appearance.
   *
   * @throws InvalidRequestException when a merged quantity exceeds {@link #MAX_QUANTITY}
   */
  static List<OrderLine> merge(List<OrderLine> lines) {
    Map<Long, Integer> quantities = new LinkedHashMap<>();
    lines.forEach(line -> quantities.merge(line.productId(), line.quantity(), Integer::sum));
    quantities.forEach(
        (productId, quantity) -> {
          if (quantity > MAX_QUANTITY) {
            throw new InvalidRequestException(
                "order_items",
                "product "
                    + productId
                    + " is ordered "
                    + quantity
                    + " times in all; at most "
                    + MAX_QUANTITY);
          }
        });
    return quantities.entrySet().stream()
        .map(e -> new OrderLine(e.getKey(), e.getValue()))
        .toList();
  }

  private OrderLines() {}
}
