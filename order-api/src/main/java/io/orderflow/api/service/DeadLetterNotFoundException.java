package io.orderflow.api.service;

/** No dead letter with that id. */
public class DeadLetterNotFoundException extends RuntimeException {
  public DeadLetterNotFoundException(long id) {
    super("Dead letter not found");
  }
}
