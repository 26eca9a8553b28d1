package io.orderflow.api.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Rejects revoked access tokens. It runs once per request for every identity built from a bearer
 * token, before any endpoint or role check sees it; without Redis the request fails with 503.
 */
@ApplicationScoped
public class DeniedTokenCheck implements SecurityIdentityAugmentor {
  private static final Logger LOG = Logger.getLogger(DeniedTokenCheck.class);

  private final TokenDenyList denyList;

  DeniedTokenCheck(TokenDenyList denyList) {
    this.denyList = denyList;
  }

  @Override
  public Uni<SecurityIdentity> augment(
      SecurityIdentity identity, AuthenticationRequestContext context) {
    if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
      return Uni.createFrom().item(identity);
    }
    return denyList
        .isDenied(token)
        .map(
            denied -> {
              if (denied) {
                LOG.warnf(
                    "revoked access token of user %s presented from %s",
                    token.getSubject(),
                    ClientAddress.of(HttpSecurityUtils.getRoutingContextAttribute(identity)));
                throw new AuthenticationFailedException("access token revoked");
              }
              return identity;
            });
  }
}
