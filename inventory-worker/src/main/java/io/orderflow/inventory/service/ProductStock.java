package io.orderflow.inventory.service;

import java.math.BigDecimal;

/** One product's stock as locked for a batch; on hand = available + reserved. */
public record ProductStock(long id, String name, BigDecimal price, int onHand, int reserved) {

  public int available() {
    return onHand - reserved;
  }

  ProductStock apply(StockMovement movement) {
    return new ProductStock(
        id, name, price, onHand + movement.onHandDelta(), reserved + movement.reservedDelta());
  }
}
