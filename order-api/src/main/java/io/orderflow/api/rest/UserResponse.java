package io.orderflow.api.rest;

import io.orderflow.api.domain.Account;
import java.time.Instant;

/** An account as clients see it: never the password hash. */
public record UserResponse(long id, String email, String fullName, String role, Instant createdAt) {

  static UserResponse of(Account account) {
    return new UserResponse(
        account.id(), account.email(), account.fullName(), account.role(), account.createdAt());
  }
}
