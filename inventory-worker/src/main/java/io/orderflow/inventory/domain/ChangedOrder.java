package io.orderflow.inventory.domain;

import io.orderflow.model.OrderChangeCommand;
import io.orderflow.model.OrderEvent;
import java.util.UUID;

/** The outcome of one change command in this batch, applied or refused, with its payload. */
public record ChangedOrder(
    OrderChangeCommand command,
    OrderEvent event,
    OrderState state,
    boolean applied,
    byte[] payload) {

  public UUID commandId() {
    return command.commandId();
  }

  public String actor() {
    return command.actor();
  }
}
