package io.orderflow.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.UUID;

/** The owner asked to delete a pending order: its stock is released and it leaves all reads. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OrderDeletionRequested(
    long orderId, UUID commandId, String actor, Instant requestedAt)
    implements OrderChangeCommand {}
