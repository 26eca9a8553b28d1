package io.orderflow.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.UUID;

/**
 * A change command was refused; the order did not change. {@code version} and {@code status} are
 * the order's current ones (version 0 and {@code received} when there is no such order).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OrderChangeRefused(
    long orderId,
    long version,
    long userId,
    Instant at,
    Instant placedAt,
    UUID commandId,
    OrderStatus status,
    Reason reason,
    String detail)
    implements OrderEvent {

  /** Why a change was refused; order-api maps each to its HTTP status. */
  public enum Reason {
    ORDER_NOT_FOUND,
    ILLEGAL_TRANSITION,
    NOT_DELETABLE
  }
}
