package io.orderflow.api.security;

/** A login or refresh that presented no valid credentials; clients get a 401 with the detail. */
public class CredentialsRejectedException extends RuntimeException {
  public static final String BAD_PASSWORD = "Incorrect email or password";
  public static final String BAD_REFRESH_TOKEN = "Invalid or expired refresh token";
  public static final String BAD_CURRENT_PASSWORD = "Current password is incorrect";

  public CredentialsRejectedException(String detail) {
    super(detail);
  }
}
