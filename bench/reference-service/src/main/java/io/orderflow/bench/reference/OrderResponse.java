package io.orderflow.bench.reference;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A placed order, shaped as order-api answers it. */
public record OrderResponse(
    long orderId,
    long userId,
    Instant orderDate,
    String status,
    BigDecimal totalAmount,
    String shippingAddressLine1,
    String shippingAddressLine2,
    String shippingCity,
    String shippingState,
    String shippingPostalCode,
    String shippingCountry,
    List<Item> orderItems,
    List<StatusChange> statusHistory) {

  public record Item(
      long productId,
      String productName,
      int quantity,
      BigDecimal unitPrice,
      BigDecimal subtotal) {}

  public record StatusChange(String status, Instant at, String by) {}
}
