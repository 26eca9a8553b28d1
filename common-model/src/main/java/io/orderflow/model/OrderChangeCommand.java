package io.orderflow.model;

import java.util.UUID;

/**
 * A command that changes an existing order. Its {@link #commandId()} makes redelivery harmless and
 * names the outcome event the requester waits for.
 */
public sealed interface OrderChangeCommand extends OrderCommand
    permits OrderStatusChangeRequested, OrderDeletionRequested {
  UUID commandId();

  String actor();
}
