package io.orderflow.api.domain;

import java.time.Instant;

/**
 * A dead letter as admins see it.
 *
 * @param topic the dead-letter topic ({@code <original topic>.dlq})
 * @param payload the record's value as UTF-8 text
 * @param resolvedBy who replayed or discarded it ({@code user:<id>}), null while pending
 */
public record DeadLetterView(
    long id,
    String topic,
    String originalTopic,
    Integer originalPartition,
    Long originalOffset,
    String key,
    String reason,
    Instant deadLetteredAt,
    DeadLetterState state,
    String payload,
    String resolvedBy,
    Instant resolvedAt) {}
