package io.orderflow.api.security;

import io.quarkus.security.AuthenticationFailedException;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The caller, as the verified bearer token names them. */
@RequestScoped
public class CurrentUser {
  public static final String CUSTOMER = "customer";
  public static final String ADMIN = "admin";

  private final JsonWebToken token;

  CurrentUser(JsonWebToken token) {
    this.token = token;
  }

  /** The user id from the token's {@code sub}; a token without a numeric one is not ours. */
  public long id() {
    try {
      return Long.parseLong(token.getSubject());
    } catch (NumberFormatException | NullPointerException e) {
      throw new AuthenticationFailedException("token subject is not a user id");
    }
  }

  public boolean isAdmin() {
    return token.getGroups().contains(ADMIN);
  }

  /** Whether the caller may see something owned by {@code ownerId}. */
  public boolean canSee(long ownerId) {
    return isAdmin() || id() == ownerId;
  }
}
