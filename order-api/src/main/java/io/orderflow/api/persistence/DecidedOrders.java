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
import java.util.Map;

/**
 * A decided order as the read model holds it once {@link DecisionWriter} wrote its decision: the
 * same rows a read would return, built from the event and the new items' ids. Instants are kept as
 * the event carries them; both services take them at microsecond precision, which the database
 * stores exactly.
 */
final class DecidedOrders {
  /** The actor of every decision in the status history. */
  static final String WORKER = "inventory-worker";

  static OrderView viewOf(OrderEvent decision, Map<Long, Long> itemIdsByProduct) {
    List<OrderItemView> items =
        decision instanceof OrderReserved r
            ? r.items().stream()
                .map(
                    i ->
                        new OrderItemView(
                            itemIdsByProduct.get(i.productId()),
                            i.productId(),
                            i.productName(),
                            i.quantity(),
                            i.unitPrice(),
                            i.subtotal()))
                .toList()
            : ((OrderRejected) decision)
                .lines().stream()
                    .map(l -> OrderItemView.requested(itemIdsByProduct.get(l.productId()), l))
                    .toList();
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

  static ShippingAddress addressOf(OrderEvent decision) {
    return decision instanceof OrderReserved r
        ? r.shippingAddress()
        : ((OrderRejected) decision).shippingAddress();
  }

  private DecidedOrders() {}
}
