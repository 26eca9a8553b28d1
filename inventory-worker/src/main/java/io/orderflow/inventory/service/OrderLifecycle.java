package io.orderflow.inventory.service;

import io.orderflow.inventory.domain.OrderState;
import io.orderflow.model.OrderChangeCommand;
import io.orderflow.model.OrderChangeRefused;
import io.orderflow.model.OrderChangeRefused.Reason;
import io.orderflow.model.OrderDeleted;
import io.orderflow.model.OrderDeletionRequested;
import io.orderflow.model.OrderEvent;
import io.orderflow.model.OrderStatus;
import io.orderflow.model.OrderStatusChangeRequested;
import io.orderflow.model.OrderStatusChanged;
import java.time.Instant;

/**
 * What a change command does to one order: whether the move is legal, which stock it moves, and the
 * event that announces it. Cancelling or deleting releases the reservation; shipping takes the
 * goods off the shelf.
 */
public final class OrderLifecycle {

  /** The result: the event to announce and the order's new state (unchanged when refused). */
  public record Outcome(OrderEvent event, OrderState state) {
    boolean changed() {
      return !(event instanceof OrderChangeRefused);
    }
  }

  /**
   * @param order the order, or null when there is none
   */
  public static Outcome apply(
      OrderState order, OrderChangeCommand command, StockLedger ledger, Instant now) {
    if (order == null || order.deleted()) {
      return refuse(order, command, now, Reason.ORDER_NOT_FOUND, "Order not found");
    }
    if (command instanceof OrderDeletionRequested deletion) {
      return delete(order, deletion, ledger, now);
    }
    OrderStatusChangeRequested change = (OrderStatusChangeRequested) command;
    if (!order.status().canMoveTo(change.status())) {
      return refuse(
          order,
          command,
          now,
          Reason.ILLEGAL_TRANSITION,
          "Cannot change status from "
              + order.status().wireName()
              + " to "
              + change.status().wireName());
    }
    if (change.status() == OrderStatus.CANCELLED) {
      ledger.release(order.id(), order.items(), "order_cancelled");
    } else if (change.status() == OrderStatus.SHIPPED) {
      ledger.ship(order.id(), order.items());
    }
    OrderState next = order.next(change.status(), false);
    return new Outcome(
        new OrderStatusChanged(
            order.id(),
            next.version(),
            order.userId(),
            now,
            order.placedAt(),
            command.commandId(),
            order.status(),
            next.status(),
            command.actor()),
        next);
  }

  private static Outcome delete(
      OrderState order, OrderDeletionRequested deletion, StockLedger ledger, Instant now) {
    if (order.status() != OrderStatus.PENDING) {
      return refuse(
          order, deletion, now, Reason.NOT_DELETABLE, "Only pending orders can be deleted");
    }
    ledger.release(order.id(), order.items(), "order_deleted");
    OrderState next = order.next(OrderStatus.CANCELLED, true);
    return new Outcome(
        new OrderDeleted(
            order.id(),
            next.version(),
            order.userId(),
            now,
            order.placedAt(),
            deletion.commandId(),
            deletion.actor()),
        next);
  }

  private static Outcome refuse(
      OrderState order, OrderChangeCommand command, Instant now, Reason reason, String detail) {
    boolean exists = order != null;
    return new Outcome(
        new OrderChangeRefused(
            command.orderId(),
            exists ? order.version() : 0,
            exists ? order.userId() : 0,
            now,
            exists ? order.placedAt() : null,
            command.commandId(),
            exists ? order.status() : OrderStatus.RECEIVED,
            reason,
            detail),
        order);
  }

  private OrderLifecycle() {}
}
