package io.orderflow.api.domain;

import io.orderflow.model.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One version of an order as its live streams tell it: its status then, why (a rejection's reason,
 * else null), and whether that version is the order's deletion by its owner (ADR 030).
 */
public record OrderUpdate(
    long orderId,
    long version,
    OrderStatus status,
    Instant at,
    String reason,
    long userId,
    BigDecimal totalAmount,
    boolean deletion) {

  /** Whether nothing follows this version: a final status or the deletion. */
  public boolean isLast() {
    return deletion || status.isFinal();
  }
}
