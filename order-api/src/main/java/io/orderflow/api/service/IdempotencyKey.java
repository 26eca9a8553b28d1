package io.orderflow.api.service;

/** A client's {@code Idempotency-Key} and the fingerprint (SHA-256) of the request it came with. */
public record IdempotencyKey(String value, String fingerprint) {}
