package io.orderflow.api.domain;

/**
 * What the worker did with a change command: applied, or refused with a reason (one of {@code
 * OrderChangeRefused.Reason}) and a message for the client.
 */
public record CommandOutcome(boolean applied, String reason, String detail) {}
