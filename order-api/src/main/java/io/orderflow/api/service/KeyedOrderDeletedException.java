package io.orderflow.api.service;

/**
 * A retry with an {@code Idempotency-Key} whose order its owner has deleted since: the order cannot
 * be placed again under that key, and there is nothing left to read; clients get a 410.
 */
public class KeyedOrderDeletedException extends RuntimeException {
  public KeyedOrderDeletedException(long orderId) {
    super("Order " + orderId + " placed with this Idempotency-Key was deleted");
  }
}
