package io.orderflow.api.service;

import io.orderflow.api.domain.OrderView;
import io.orderflow.api.domain.OrderView.OrderItemView;
import io.orderflow.api.domain.OrderView.StatusChange;
import io.orderflow.model.OrderStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Figures of one order. {@code averageUnitPrice} is the mean of its lines' unit prices; {@code
 * secondsInStatus} is the time spent in each status it passed through, the current one until now.
 */
public record OrderStatistics(
    long orderId,
    OrderStatus status,
    int itemCount,
    int totalQuantity,
    int distinctProducts,
    BigDecimal totalAmount,
    BigDecimal averageUnitPrice,
    Map<OrderStatus, Long> secondsInStatus) {

  public static OrderStatistics of(OrderView order, Instant now) {
    List<OrderItemView> items = order.orderItems();
    List<BigDecimal> prices =
        items.stream().map(OrderItemView::unitPrice).filter(Objects::nonNull).toList();
    BigDecimal average =
        prices.isEmpty()
            ? null
            : prices.stream()
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(BigDecimal.valueOf(prices.size()), 2, RoundingMode.HALF_UP);
    return new OrderStatistics(
        order.orderId(),
        order.status(),
        items.size(),
        items.stream().mapToInt(OrderItemView::quantity).sum(),
        (int) items.stream().map(OrderItemView::productId).distinct().count(),
        order.totalAmount(),
        average,
        secondsInStatus(order.statusHistory(), now));
  }

  private static Map<OrderStatus, Long> secondsInStatus(List<StatusChange> history, Instant now) {
    Map<OrderStatus, Long> seconds = new LinkedHashMap<>();
    for (int i = 0; i < history.size(); i++) {
      Instant end = i + 1 < history.size() ? history.get(i + 1).at() : now;
      seconds.merge(
          history.get(i).status(),
          Duration.between(history.get(i).at(), end).toSeconds(),
          Long::sum);
    }
    return seconds;
  }
}
