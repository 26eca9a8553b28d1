package io.orderflow.api.domain;

/** A client used up an allowance (see {@code security.Throttle}); a 429 with Retry-After. */
public class ThrottledException extends RuntimeException {
  private final long retryAfterSeconds;

  public ThrottledException(String message, long retryAfterSeconds) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
