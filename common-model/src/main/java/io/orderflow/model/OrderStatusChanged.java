package io.orderflow.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.UUID;

/** An order moved from {@code previousStatus} to {@code status} at someone's request. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OrderStatusChanged(
    long orderId,
    long version,
    long userId,
    Instant at,
    Instant placedAt,
    UUID commandId,
    OrderStatus previousStatus,
    OrderStatus status,
    String by)
    implements OrderEvent {}
