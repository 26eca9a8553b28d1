package io.orderflow.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** A request for the inventory worker on {@link Topics#ORDERS_COMMANDS}, keyed by order id. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = OrderPlaced.class, name = "order_placed"),
  @JsonSubTypes.Type(
      value = OrderStatusChangeRequested.class,
      name = "order_status_change_requested"),
  @JsonSubTypes.Type(value = OrderDeletionRequested.class, name = "order_deletion_requested")
})
public sealed interface OrderCommand permits OrderPlaced, OrderChangeCommand {
  long orderId();
}
