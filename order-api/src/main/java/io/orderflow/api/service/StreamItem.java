package io.orderflow.api.service;

import io.orderflow.api.domain.OrderUpdate;

/** What a live order stream sends: a version of an order, or a heartbeat that keeps it open. */
public sealed interface StreamItem {
  StreamItem HEARTBEAT = new Heartbeat();

  record Update(OrderUpdate update) implements StreamItem {}

  record Heartbeat() implements StreamItem {}
}
