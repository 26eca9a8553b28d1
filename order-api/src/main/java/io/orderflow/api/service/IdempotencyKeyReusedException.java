package io.orderflow.api.service;

/** The same {@code Idempotency-Key} came with another request body; clients get a 422. */
public class IdempotencyKeyReusedException extends RuntimeException {
  public IdempotencyKeyReusedException() {
    super("Idempotency-Key was already used with a different request");
  }
}
