package io.orderflow.notification.service;

import io.orderflow.model.OrderDeleted;
import io.orderflow.model.OrderEvent;
import io.orderflow.model.OrderRejected;
import io.orderflow.model.OrderReserved;
import io.orderflow.model.OrderStatusChanged;
import io.orderflow.model.PricedLine;
import io.orderflow.model.StockIssue;
import io.orderflow.notification.domain.Notification;
import io.orderflow.notification.domain.NotificationKind;
import java.util.Optional;
import java.util.stream.Collectors;

/** Decides which order events the customer hears about, and in which words. */
public final class NotificationComposer {

  /**
   * The notification for that event; empty for events that changed nothing the customer needs to
   * know: a refused change (whoever asked got the answer over REST) and any event type added after
   * this consumer was written.
   */
  public static Optional<Notification> compose(OrderEvent event) {
    if (event instanceof OrderReserved reserved) {
      return Optional.of(received(reserved));
    }
    if (event instanceof OrderRejected rejected) {
      return Optional.of(rejected(rejected));
    }
    if (event instanceof OrderStatusChanged changed) {
      return Optional.of(statusChanged(changed));
    }
    if (event instanceof OrderDeleted deleted) {
      return Optional.of(deleted(deleted));
    }
    return Optional.empty();
  }

  private static Notification received(OrderReserved order) {
    String lines =
        order.items().stream()
            .map(NotificationComposer::describe)
            .collect(Collectors.joining("\n", "", "\n"));
    return notification(
        order,
        NotificationKind.ORDER_RECEIVED,
        "Your order #%d was received".formatted(order.orderId()),
        "Thank you for your order #%d. We reserved:\n%sTotal: %s\nWe will write again when it ships."
            .formatted(order.orderId(), lines, order.totalAmount().toPlainString()));
  }

  private static Notification rejected(OrderRejected order) {
    String issues =
        order.reason() != null
            ? "  " + order.reason() + "\n"
            : order.stockIssues().stream()
                .map(NotificationComposer::describe)
                .collect(Collectors.joining("\n", "", "\n"));
    return notification(
        order,
        NotificationKind.ORDER_REJECTED,
        "Your order #%d could not be placed".formatted(order.orderId()),
        "We could not place your order #%d:\n%sNothing was reserved; you are welcome to order again."
            .formatted(order.orderId(), issues));
  }

  private static Notification statusChanged(OrderStatusChanged change) {
    return notification(
        change,
        NotificationKind.ORDER_STATUS_CHANGED,
        "Your order #%d is now %s".formatted(change.orderId(), change.status().wireName()),
        "Your order #%d moved from %s to %s."
            .formatted(
                change.orderId(), change.previousStatus().wireName(), change.status().wireName()));
  }

  private static Notification deleted(OrderDeleted deletion) {
    return notification(
        deletion,
        NotificationKind.ORDER_DELETED,
        "Your order #%d was deleted".formatted(deletion.orderId()),
        "Your order #%d was deleted and the items it held were released."
            .formatted(deletion.orderId()));
  }

  private static String describe(PricedLine line) {
    return "  %d x %s at %s = %s"
        .formatted(
            line.quantity(),
            line.productName(),
            line.unitPrice().toPlainString(),
            line.subtotal().toPlainString());
  }

  private static String describe(StockIssue issue) {
    String product =
        issue.productName() == null ? "product " + issue.productId() : issue.productName();
    return "  %s: %s".formatted(product, issue.error());
  }

  private static Notification notification(
      OrderEvent event, NotificationKind kind, String subject, String body) {
    return new Notification(event.orderId(), event.version(), event.userId(), kind, subject, body);
  }

  private NotificationComposer() {}
}
