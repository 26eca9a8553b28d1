package io.orderflow.api.security;

import io.orderflow.api.config.AuthConfig;
import io.orderflow.api.domain.Account;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtSignatureBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.jwt.Claims;

/**
 * Signs access tokens (RS256 with {@code smallrye.jwt.sign.key.location}); issuer and audience come
 * from {@code smallrye.jwt.new-token.*}, the same values the verification expects.
 */
@ApplicationScoped
public class AccessTokenIssuer {
  private final AuthConfig config;

  AccessTokenIssuer(AuthConfig config) {
    this.config = config;
  }

  public String issue(Account account, String sessionId) {
    JwtSignatureBuilder token =
        Jwt.subject(String.valueOf(account.id()))
            .groups(account.role())
            .claim(Claims.jti, UUID.randomUUID().toString())
            .claim(TokenDenyList.SESSION_CLAIM, sessionId)
            .expiresIn(config.accessTokenLifetime())
            .jws();
    config.signingKeyId().ifPresent(token::keyId);
    return token.sign();
  }

  public long lifetimeSeconds() {
    return config.accessTokenLifetime().toSeconds();
  }
}
