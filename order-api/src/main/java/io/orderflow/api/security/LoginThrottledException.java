package io.orderflow.api.security;

/** Too many failed logins for an account or from an address; a 429 with Retry-After. */
public class LoginThrottledException extends RuntimeException {
  private final long retryAfterSeconds;

  public LoginThrottledException(long retryAfterSeconds) {
    super("Too many failed login attempts, retry later");
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
