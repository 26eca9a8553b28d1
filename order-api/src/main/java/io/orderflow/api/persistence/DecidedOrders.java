package io.orderflow.api.persistence;

import io.orderflow.api.domain.OrderView;
import io.orderflow.api.domain.OrderView.OrderItemView;
import io.orderflow.api.domain.OrderView.StatusChange;
import io.orderflow.model.OrderEvent;
import io.orderflow.model.OrderRejected;
import io.orderflow.model.OrderReserved;
import io.orderflow.model.OrderStatus;
import io.orderflow.model.ShippingAddress;
import java.util.List;

/**
 * A decided order as a whole, the snapshot {@link OrderSnapshotWriter} writes: the same rows a read
 * would return, built from the event (items without their ids until they are written). Instants are
 * kept as the event carries them; both services take them at microsecond precision, which the
 * database stores exactly.
 */
final class DecidedOrders {
  /** The actor of every decision in the status history. */
  private static final String WORKER = "inventory-worker";

  static OrderView viewOf(OrderEvent decision) {
    List<OrderItemView> items =
        decision instanceof OrderReserved r
            ? r.items().stream()
                .map(
                    i ->
                        new OrderItemView(
                            null,
                            i.productId(),
                            i.productName(),
                            i.quantity(),
                            i.unitPrice(),
                            i.subtotal()))
                .toList()
            : ((OrderRejected) decision)
                .lines().stream().map(l -> OrderItemView.requested(null, l)).toList();
    return OrderView.of(
        decision.orderId(),
        decision.userId(),
        decision.placedAt(),
        decision.status(),
        decision instanceof OrderReserved r ? r.totalAmount() : null,
        addressOf(decision),
        items,
        List.of(
            new StatusChange(
                OrderStatus.RECEIVED, decision.placedAt(), OrderView.actorOf(decision.userId())),
            new StatusChange(decision.status(), decision.at(), WORKER)),
        decision instanceof OrderRejected r ? r.stockIssues() : null,
        decision instanceof OrderRejected r ? r.reason() : null);
  }

  private static ShippingAddress addressOf(OrderEvent decision) {
    return decision instanceof OrderReserved r
        ? r.shippingAddress()
        : ((OrderRejected) decision).shippingAddress();
  }

  private DecidedOrders() {}
}
