package io.orderflow.bench.reference;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses revoked access tokens with order-api's deny-list in Redis: the same keys, by {@code jti}
 * and by login session ({@code sid}), one {@code EXISTS} per request.
 */
@ApplicationScoped
public class DeniedTokens implements SecurityIdentityAugmentor {
  private final ReactiveKeyCommands<String> keys;

  DeniedTokens(ReactiveRedisDataSource redis) {
    this.keys = redis.key();
  }

  @Override
  public Uni<SecurityIdentity> augment(
      SecurityIdentity identity, AuthenticationRequestContext context) {
    if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
      return Uni.createFrom().item(identity);
    }
    return keys.exists(keysOf(token))
        .map(
            found -> {
              if (found > 0) {
                throw new AuthenticationFailedException("access token revoked");
              }
              return identity;
            });
  }

  /** As order-api's {@code TokenDenyList} names them. */
  static String[] keysOf(JsonWebToken token) {
    List<String> keys = new ArrayList<>(List.of("auth:denied:token:" + token.getTokenID()));
    Object session = token.getClaim("sid");
    if (session != null) {
      keys.add(
          "auth:denied:session:"
              + (session instanceof JsonString json ? json.getString() : session.toString()));
    }
    return keys.toArray(String[]::new);
  }
}
