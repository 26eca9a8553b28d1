package io.orderflow.api.service;

/** A request that passed field validation but breaks a rule across fields; clients get a 400. */
public class InvalidRequestException extends RuntimeException {
  private final String field;

  public InvalidRequestException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
