package io.orderflow.api.service;

/** A dependency (database, Kafka, Redis) could not serve a request; clients get a 503. */
public class DependencyUnavailableException extends RuntimeException {
  public DependencyUnavailableException(String dependency, Throwable cause) {
    super(dependency + " unavailable", cause);
  }
}
