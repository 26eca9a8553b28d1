package io.orderflow.api.domain;

import java.time.Instant;

/** A row of {@code users}. */
public record Account(
    long id,
    String email,
    String passwordHash,
    String fullName,
    String role,
    Instant createdAt,
    Instant disabledAt) {

  public boolean isDisabled() {
    return disabledAt != null;
  }
}
