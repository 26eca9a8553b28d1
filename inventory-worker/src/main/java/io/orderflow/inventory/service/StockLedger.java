package io.orderflow.inventory.service;

import io.orderflow.model.OrderLine;
import io.orderflow.model.PricedLine;
import io.orderflow.model.StockIssue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The reservation rule: orders are decided one after another against a snapshot of locked stock; an
 * order is reserved whole or not at all, and stock never goes below zero.
 */
public final class StockLedger {
  private final Map<Long, ProductStock> stock;
  private final Set<Long> changed = new HashSet<>();

  public StockLedger(Collection<ProductStock> locked) {
    this.stock =
        locked.stream()
            .collect(
                Collectors.toMap(ProductStock::id, Function.identity(), (a, b) -> a, HashMap::new));
  }

  public Decision decide(List<OrderLine> lines) {
    Map<Long, Integer> wanted = mergeByProduct(lines);
    List<StockIssue> issues = new ArrayList<>();
    wanted.forEach(
        (productId, quantity) -> {
          ProductStock product = stock.get(productId);
          if (product == null) {
            issues.add(StockIssue.productNotFound(productId, quantity));
          } else if (product.available() < quantity) {
            issues.add(
                StockIssue.insufficient(productId, product.name(), quantity, product.available()));
          }
        });
    if (!issues.isEmpty()) {
      return new Decision.Rejected(issues);
    }
    List<PricedLine> items = new ArrayList<>();
    wanted.forEach((productId, quantity) -> items.add(reserve(productId, quantity)));
    BigDecimal total = items.stream().map(PricedLine::subtotal).reduce(money(0), BigDecimal::add);
    return new Decision.Reserved(items, total);
  }

  /** Products whose reservation changed, with their new figures. */
  public List<ProductStock> changedProducts() {
    return changed.stream().sorted().map(stock::get).toList();
  }

  private PricedLine reserve(long productId, int quantity) {
    ProductStock product = stock.get(productId).reserve(quantity);
    stock.put(productId, product);
    changed.add(productId);
    BigDecimal unitPrice = product.price().setScale(2);
    return new PricedLine(
        productId,
        product.name(),
        quantity,
        unitPrice,
        unitPrice.multiply(BigDecimal.valueOf(quantity)));
  }

  /** Lines naming one product twice count as one line with the summed quantity. */
  private static Map<Long, Integer> mergeByProduct(List<OrderLine> lines) {
    Map<Long, Integer> merged = new LinkedHashMap<>();
    lines.forEach(line -> merged.merge(line.productId(), line.quantity(), Integer::sum));
    return merged;
  }

  private static BigDecimal money(long value) {
    return BigDecimal.valueOf(value).setScale(2);
  }
}
