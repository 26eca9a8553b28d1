package io.orderflow.inventory.domain;

import io.orderflow.model.OrderLine;
import io.orderflow.model.OrderStatus;
import java.time.Instant;
import java.util.List;

/** A decided order as the worker holds it while changing it. */
public record OrderState(
    long id,
    long userId,
    OrderStatus status,
    long version,
    Instant placedAt,
    boolean deleted,
    List<OrderLine> items) {

  public OrderState next(OrderStatus newStatus, boolean nowDeleted) {
    return new OrderState(id, userId, newStatus, version + 1, placedAt, nowDeleted, items);
  }
}
