package io.orderflow.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.UUID;

/** Someone asked to move an order to {@code status}; the worker applies it or refuses it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OrderStatusChangeRequested(
    long orderId, UUID commandId, OrderStatus status, String actor, Instant requestedAt)
    implements OrderChangeCommand {}
