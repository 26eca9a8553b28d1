package io.orderflow.api.security;

import io.orderflow.api.config.AuthConfig;
import io.orderflow.api.domain.DependencyUnavailableException;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Access tokens that must no longer be accepted although their signature and {@code exp} are fine:
 * single tokens by {@code jti}, and all tokens of a login session by its {@code sid} claim. Every
 * entry expires when the tokens it names would be refused anyway: at their {@code exp} plus the
 * clock skew the verifier grants ({@code mp.jwt.verify.clock.skew}), so the list never grows beyond
 * the tokens revoked within one access-token lifetime.
 */
@ApplicationScoped
public class TokenDenyList {
  /** The claim naming the login session (refresh-token family) an access token belongs to. */
  public static final String SESSION_CLAIM = "sid";

  private final ValueCommands<String, String> values;
  private final ReactiveKeyCommands<String> reactiveKeys;
  private final Duration clockSkew;
  private final Duration sessionEntryLifetime;

  TokenDenyList(
      RedisDataSource redis,
      ReactiveRedisDataSource reactiveRedis,
      AuthConfig config,
      @ConfigProperty(name = "mp.jwt.verify.clock.skew") int clockSkewSeconds) {
    this.values = redis.value(String.class);
    this.reactiveKeys = reactiveRedis.key();
    this.clockSkew = Duration.ofSeconds(clockSkewSeconds);
    this.sessionEntryLifetime = config.accessTokenLifetime().plus(clockSkew);
  }

  /**
   * Denies this one token for as long as the verifier would accept it, also when its {@code exp}
   * has passed but the clock skew still lets it through.
   */
  public void deny(JsonWebToken token) {
    long secondsLeft =
        token.getExpirationTime() + clockSkew.toSeconds() - Instant.now().getEpochSecond();
    if (secondsLeft > 0) {
      RedisCall.run(
          () -> values.set(tokenKey(token.getTokenID()), "1", new SetArgs().ex(secondsLeft)));
    }
  }

  /**
   * Denies every access token of the session; none of them is accepted longer than one lifetime
   * plus the clock skew from now.
   */
  public void denySession(String sessionId) {
    RedisCall.run(
        () -> values.set(sessionKey(sessionId), "1", new SetArgs().ex(sessionEntryLifetime)));
  }

  /** How long a session's entry must live: see {@link #denySession}. */
  Duration sessionEntryLifetime() {
    return sessionEntryLifetime;
  }

  /**
   * Whether the token is denied; fails with {@link DependencyUnavailableException} without Redis.
   */
  public Uni<Boolean> isDenied(JsonWebToken token) {
    List<String> keys = new ArrayList<>(List.of(tokenKey(token.getTokenID())));
    sessionOf(token).map(TokenDenyList::sessionKey).ifPresent(keys::add);
    return reactiveKeys
        .exists(keys.toArray(String[]::new))
        .map(found -> found > 0)
        .onFailure()
        .transform(e -> new DependencyUnavailableException("redis", e));
  }

  static Optional<String> sessionOf(JsonWebToken token) {
    Object claim = token.getClaim(SESSION_CLAIM);
    return claim instanceof JsonString json
        ? Optional.of(json.getString())
        : Optional.ofNullable(claim).map(Object::toString);
  }

  static String sessionKey(String sessionId) {
    return "auth:denied:session:" + sessionId;
  }

  private static String tokenKey(String jti) {
    return "auth:denied:token:" + jti;
  }
}
