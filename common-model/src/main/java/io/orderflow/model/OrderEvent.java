package io.orderflow.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * A fact about one order on {@link Topics#ORDERS_EVENTS}, keyed by order id. {@link #version()}
 * grows by one with every change of the order, so readers apply an event only when it is newer than
 * what they hold: redelivery and reordering are harmless.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = OrderReserved.class, name = "order_reserved"),
  @JsonSubTypes.Type(value = OrderRejected.class, name = "order_rejected"),
  @JsonSubTypes.Type(value = OrderStatusChanged.class, name = "order_status_changed"),
  @JsonSubTypes.Type(value = OrderDeleted.class, name = "order_deleted"),
  @JsonSubTypes.Type(value = OrderChangeRefused.class, name = "order_change_refused")
})
public sealed interface OrderEvent
    permits OrderReserved, OrderRejected, OrderStatusChanged, OrderDeleted, OrderChangeRefused {
  long orderId();

  long version();

  long userId();

  /** When this change happened. */
  Instant at();

  /** When the customer placed the order. */
  Instant placedAt();

  OrderStatus status();
}
