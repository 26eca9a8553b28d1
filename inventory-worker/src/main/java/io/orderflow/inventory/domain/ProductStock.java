package io.orderflow.inventory.domain;

import io.orderflow.model.ProductStockChanged;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One product as locked for a batch; on hand = available + reserved. */
public record ProductStock(
    long id,
    String name,
    String description,
    BigDecimal price,
    int onHand,
    int reserved,
    int lowStockThreshold) {

  public int available() {
    return onHand - reserved;
  }

  public boolean isLow() {
    return available() <= lowStockThreshold;
  }

  public ProductStock apply(StockMovement movement) {
    return new ProductStock(
        id,
        name,
        description,
        price,
        onHand + movement.onHandDelta(),
        reserved + movement.reservedDelta(),
        lowStockThreshold);
  }

  public ProductStock withCatalog(
      String name, String description, BigDecimal price, int threshold) {
    return new ProductStock(id, name, description, price, onHand, reserved, threshold);
  }

  public ProductStockChanged snapshot(Instant at, UUID commandId) {
    return new ProductStockChanged(
        id, name, description, price, onHand, reserved, lowStockThreshold, at, commandId);
  }
}
