package io.orderflow.api.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.orderflow.model.OrderLine;
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

  /** The reason of a rejection for stock, which lists its failing lines. */
  public static final String INSUFFICIENT_STOCK = "Some products have insufficient stock";

  /** How the status history names a change made by a user. */
  public static String actorOf(long userId) {
    return "user:" + userId;
  }

  /** An order whose address is given as the messages carry it. */
  public static OrderView of(
      long orderId,
      long userId,
      Instant orderDate,
      OrderStatus status,
      BigDecimal totalAmount,
      ShippingAddress a,
      List<OrderItemView> orderItems,
      List<StatusChange> statusHistory,
      List<StockIssue> stockIssues,
      String rejectionReason) {
    return new OrderView(
        orderId,
        userId,
        orderDate,
        status,
        totalAmount,
        a.line1(),
        a.line2(),
        a.city(),
        a.state(),
        a.postalCode(),
        a.country(),
        orderItems,
        statusHistory,
        stockIssues,
        rejectionReason);
  }

  /** An accepted order before anything about it could be read back. */
  public static OrderView received(OrderPlaced order) {
    return of(
        order.orderId(),
        order.userId(),
        order.placedAt(),
        OrderStatus.RECEIVED,
        null,
        order.shippingAddress(),
        order.lines().stream().map(l -> OrderItemView.requested(null, l)).toList(),
        List.of(new StatusChange(OrderStatus.RECEIVED, order.placedAt(), actorOf(order.userId()))),
        null,
        null);
  }

  /** The same order with other items (the same lines once the database gave them ids). */
  public OrderView withItems(List<OrderItemView> items) {
    return new OrderView(
        orderId,
        userId,
        orderDate,
        status,
        totalAmount,
        shippingAddressLine1,
        shippingAddressLine2,
        shippingCity,
        shippingState,
        shippingPostalCode,
        shippingCountry,
        items,
        statusHistory,
        stockIssues,
        rejectionReason);
  }

  public record OrderItemView(
      @JsonInclude(JsonInclude.Include.NON_NULL) Long orderItemId,
      long productId,
      String productName,
      int quantity,
      BigDecimal unitPrice,
      BigDecimal subtotal) {

    /** A line as requested, not priced (an order not reserved). */
    public static OrderItemView requested(Long orderItemId, OrderLine line) {
      return new OrderItemView(orderItemId, line.productId(), null, line.quantity(), null, null);
    }
  }

  public record StatusChange(OrderStatus status, Instant at, String by) {}
}
