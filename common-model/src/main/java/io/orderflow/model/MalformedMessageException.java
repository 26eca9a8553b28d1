package io.orderflow.model;

/** A message that no retry can fix: it belongs on the dead-letter topic. */
public class MalformedMessageException extends RuntimeException {
  public MalformedMessageException(String message, Throwable cause) {
    super(message, cause);
  }
}
