package io.orderflow.api.domain;

/**
 * A dead letter that cannot be resolved as asked: it is no longer pending, or its record still
 * cannot be applied. Nothing was changed; clients get a 409.
 */
public class DeadLetterConflictException extends RuntimeException {
  public DeadLetterConflictException(String detail) {
    super(detail);
  }
}
