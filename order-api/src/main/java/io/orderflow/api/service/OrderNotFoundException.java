package io.orderflow.api.service;

/** No order with that id is visible to the caller (also when it belongs to someone else). */
public class OrderNotFoundException extends RuntimeException {
  public OrderNotFoundException(long orderId) {
    super("Order not found");
  }
}
