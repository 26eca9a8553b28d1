package io.orderflow.api.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.orderflow.model.OrderPlaced;
import io.orderflow.model.OrderStatus;
import io.orderflow.model.ShippingAddress;
import io.orderflow.model.StockIssue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** An order as the read model holds it and as clients receive it. */
public record OrderView(
    long orderId,
    long userId,
    Instant orderDate,
    OrderStatus status,
    BigDecimal totalAmount,
    String shippingAddressLine1,
    String shippingAddressLine2,
    String shippingCity,
    String shippingState,
    String shippingPostalCode,
    String shippingCountry,
    List<OrderItemView> orderItems,
    List<StatusChange> statusHistory,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<StockIssue> stockIssues,
    @JsonInclude(JsonInclude.Include.NON_NULL) String rejectionReason) {

  /** How the status history names a change made by a user. */
  public static String actorOf(long userId) {
    return "user:" + userId;
  }

  /** An accepted order before anything about it could be read back. */
  public static OrderView received(OrderPlaced order) {
    ShippingAddress a = order.shippingAddress();
    return new OrderView(
        order.orderId(),
        order.userId(),
        order.placedAt(),
        OrderStatus.RECEIVED,
        null,
        a.line1(),
        a.line2(),
        a.city(),
        a.state(),
        a.postalCode(),
        a.country(),
        order.lines().stream()
            .map(l -> new OrderItemView(null, l.productId(), null, l.quantity(), null, null))
            .toList(),
        List.of(new StatusChange(OrderStatus.RECEIVED, order.placedAt(), actorOf(order.userId()))),
        null,
        null);
  }

  public record OrderItemView(
      @JsonInclude(JsonInclude.Include.NON_NULL) Long orderItemId,
      long productId,
      String productName,
      int quantity,
      BigDecimal unitPrice,
      BigDecimal subtotal) {}

  public record StatusChange(OrderStatus status, Instant at, String by) {}
}
