package io.orderflow.api.service;

import io.orderflow.api.domain.ProductView;
import io.orderflow.api.domain.StockLevel;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The admin's view of stock: every product with its level, totals, and the worker's backlog. */
public record StockCheck(List<ProductView> products, Totals totals, Pipeline pipeline) {

  public record Totals(
      int products, long onHand, long reserved, long available, Map<StockLevel, Long> byLevel) {}

  /** Commands the worker has yet to process, per topic: its consumer lag. */
  public record Pipeline(String workerGroup, Map<String, Long> lag, long totalLag) {}

  public static StockCheck of(
      List<ProductView> products, String workerGroup, Map<String, Long> lag) {
    Map<StockLevel, Long> byLevel = new EnumMap<>(StockLevel.class);
    for (StockLevel level : StockLevel.values()) {
      byLevel.put(level, products.stream().filter(p -> p.stockLevel() == level).count());
    }
    return new StockCheck(
        products,
        new Totals(
            products.size(),
            products.stream().mapToLong(ProductView::onHand).sum(),
            products.stream().mapToLong(ProductView::reserved).sum(),
            products.stream().mapToLong(ProductView::available).sum(),
            byLevel),
        new Pipeline(workerGroup, lag, lag.values().stream().mapToLong(Long::longValue).sum()));
  }
}
