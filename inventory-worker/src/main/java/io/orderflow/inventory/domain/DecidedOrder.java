package io.orderflow.inventory.domain;

import io.orderflow.model.OrderEvent;
import io.orderflow.model.OrderPlaced;

/** An order decided in this batch: the command, the resulting event and its serialised form. */
public record DecidedOrder(OrderPlaced command, OrderEvent event, byte[] payload) {
  /** Who the status history names for decisions taken by the worker. */
  public static final String ACTOR = "inventory-worker";
}
