package io.orderflow.api.domain;

import java.math.BigDecimal;

/** A product as the catalog read model holds it and as clients receive it. */
public record ProductView(
    long productId,
    String name,
    String description,
    BigDecimal price,
    int onHand,
    int reserved,
    int available,
    int lowStockThreshold,
    StockLevel stockLevel) {

  public static ProductView of(
      long productId,
      String name,
      String description,
      BigDecimal price,
      int onHand,
      int reserved,
      int lowStockThreshold) {
    int available = onHand - reserved;
    return new ProductView(
        productId,
        name,
        description,
        price,
        onHand,
        reserved,
        available,
        lowStockThreshold,
        StockLevel.of(available));
  }
}
