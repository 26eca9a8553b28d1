package io.orderflow.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.UUID;

/** The owner deleted a pending order: its stock was released; it is kept only for audit. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OrderDeleted(
    long orderId,
    long version,
    long userId,
    Instant at,
    Instant placedAt,
    UUID commandId,
    String by)
    implements OrderEvent {

  @Override
  @JsonIgnore
  public OrderStatus status() {
    return OrderStatus.CANCELLED;
  }
}
