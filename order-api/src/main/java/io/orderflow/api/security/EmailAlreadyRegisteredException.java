package io.orderflow.api.security;

/** Registration with an email that has an account already (ignoring case); a 409. */
public class EmailAlreadyRegisteredException extends RuntimeException {
  public EmailAlreadyRegisteredException() {
    super("Email already registered");
  }
}
