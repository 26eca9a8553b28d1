package io.orderflow.api.domain;

/** A dependency (database, Kafka, Redis) could not serve a request; clients get a 503. */
public class DependencyUnavailableException extends RuntimeException {
  private final String dependency;

  public DependencyUnavailableException(String dependency, Throwable cause) {
    super(dependency + " unavailable", cause);
    this.dependency = dependency;
  }

  /** Which dependency: {@code database}, {@code kafka} or {@code redis}. */
  public String dependency() {
    return dependency;
  }
}
