package io.orderflow.api.security;

import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/** The caller, as the verified bearer token names them. */
@RequestScoped
public class CurrentUser {
  public static final String CUSTOMER = "customer";
  public static final String ADMIN = "admin";
  private static final Logger LOG = Logger.getLogger(CurrentUser.class);

  private final JsonWebToken token;
  private final HttpServerRequest request;

  CurrentUser(JsonWebToken token, HttpServerRequest request) {
    this.token = token;
    this.request = request;
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

  /**
   * Whether the caller may see something owned by {@code ownerId}. A refusal is logged here because
   * callers answer it with 404, which must not tell the owner's data exists.
   */
  public boolean canSee(long ownerId) {
    boolean allowed = isAdmin() || id() == ownerId;
    if (!allowed) {
      LOG.warnf(
          "user %d from %s denied access to data of user %d",
          id(), ClientAddress.of(request), ownerId);
    }
    return allowed;
  }

  /** The verified token itself, for logout. */
  public JsonWebToken token() {
    return token;
  }
}
