package io.orderflow.api.security;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.orderflow.api.config.AuthConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyCommands;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.quarkus.redis.datasource.sortedset.SortedSetCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Opaque refresh tokens, kept in Redis only as SHA-256 hashes. A login opens a session (a token
 * family); each refresh replaces the session's one valid token. A token that was already replaced
 * and comes back means a copy exists: the whole session is revoked, and its access tokens denied.
 *
 * <p>Keys: {@code auth:refresh:token:<hash>} → {@code <user id>:<session id>} (every token ever
 * issued, to recognise reuse), {@code auth:refresh:session:<id>} → hash of the current token. Both
 * expire after the refresh lifetime, renewed by every refresh. {@code auth:refresh:user:<id>} is
 * the account's sessions, scored by their last use: an account holds at most {@code
 * orderflow.auth.max-sessions-per-account}, and a login beyond it ends the session used longest
 * ago, so that logins cannot fill Redis.
 */
@ApplicationScoped
public class RefreshTokens {
  private static final Logger LOG = Logger.getLogger(RefreshTokens.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ROTATED = "1";
  private static final String REUSED = "-1";
  // Compare-and-swap of the session's current token, so that two refreshes with the same token
  // cannot both succeed.
  private static final String ROTATE =
      """
      local current = redis.call('GET', KEYS[1])
      if current == ARGV[1] then
        redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[4])
        redis.call('SET', KEYS[2], ARGV[3], 'EX', ARGV[4])
        return 1
      end
      if current then
        redis.call('DEL', KEYS[1])
        redis.call('SET', KEYS[3], '1', 'EX', ARGV[5])
        return -1
      end
      return 0
      """;

  /** A refresh token and what it belongs to. */
  public record Issued(long userId, String sessionId, String token) {}

  private record Owner(long userId, String sessionId) {
    static Owner parse(String value) {
      int colon = value.indexOf(':');
      return new Owner(Long.parseLong(value.substring(0, colon)), value.substring(colon + 1));
    }

    @Override
    public String toString() {
      return userId + ":" + sessionId;
    }
  }

  private final RedisDataSource redis;
  private final ValueCommands<String, String> values;
  private final SortedSetCommands<String, String> sessionsByUse;
  private final KeyCommands<String> keys;
  private final AuthConfig config;
  private final TokenDenyList denyList;

  RefreshTokens(RedisDataSource redis, AuthConfig config, TokenDenyList denyList) {
    this.redis = redis;
    this.values = redis.value(String.class);
    this.sessionsByUse = redis.sortedSet(String.class);
    this.keys = redis.key();
    this.config = config;
    this.denyList = denyList;
  }

  /**
   * Opens a session for the user with its first refresh token; beyond the cap per account, the
   * sessions used longest ago end.
   */
  public Issued open(long userId) {
    Owner owner = new Owner(userId, UUID.randomUUID().toString());
    String token = newToken();
    SetArgs expiry = new SetArgs().ex(config.refreshTokenLifetime());
    RedisCall.run(
        () -> {
          values.set(sessionKey(owner.sessionId()), hash(token), expiry);
          values.set(tokenKey(hash(token)), owner.toString(), expiry);
          used(owner);
          long beyondCap = sessionsByUse.zcard(userKey(userId)) - config.maxSessionsPerAccount();
          if (beyondCap > 0) {
            sessionsByUse
                .zpopmin(userKey(userId), (int) beyondCap)
                .forEach(oldest -> end(oldest.value()));
            LOG.infof(
                "user %d reached %d sessions: the %d used longest ago ended",
                userId, config.maxSessionsPerAccount(), beyondCap);
          }
        });
    return new Issued(userId, owner.sessionId(), token);
  }

  /** The sessions of the user that may still be refreshed. */
  public List<String> sessionsOf(long userId) {
    return RedisCall.of(() -> sessionsByUse.zrange(userKey(userId), 0, -1));
  }

  /** Replaces a valid token by a new one of the same session; anything else is rejected. */
  public Issued rotate(String token) {
    Owner owner = ownerOf(token).orElseThrow(RefreshTokens::rejected);
    String next = newToken();
    String outcome =
        RedisCall.of(
            () ->
                redis
                    .execute(
                        "EVAL",
                        ROTATE,
                        "3",
                        sessionKey(owner.sessionId()),
                        tokenKey(hash(next)),
                        TokenDenyList.sessionKey(owner.sessionId()),
                        hash(token),
                        hash(next),
                        owner.toString(),
                        String.valueOf(config.refreshTokenLifetime().toSeconds()),
                        String.valueOf(denyList.sessionEntryLifetime().toSeconds()))
                    .toString());
    if (REUSED.equals(outcome)) {
      LOG.warnf(
          "replaced refresh token of user %d used again: session %s revoked",
          owner.userId(), owner.sessionId());
    }
    if (!ROTATED.equals(outcome)) {
      throw rejected();
    }
    RedisCall.run(() -> used(owner));
    return new Issued(owner.userId(), owner.sessionId(), next);
  }

  /** Ends the user's session: none of its refresh tokens works any more. */
  public void revokeSession(long userId, String sessionId) {
    RedisCall.run(
        () -> {
          end(sessionId);
          sessionsByUse.zrem(userKey(userId), sessionId);
        });
  }

  /** Marks the session used now, and forgets sessions of the user unused for a lifetime. */
  private void used(Owner owner) {
    long now = System.currentTimeMillis();
    String key = userKey(owner.userId());
    sessionsByUse.zadd(key, now, owner.sessionId());
    sessionsByUse.zremrangebyscore(
        key, ScoreRange.from(0, now - config.refreshTokenLifetime().toMillis()));
    keys.expire(key, config.refreshTokenLifetime());
  }

  /** Deletes the session and its current token, so an ended session leaves no key behind. */
  private void end(String sessionId) {
    String current = values.getdel(sessionKey(sessionId));
    if (current != null) {
      keys.del(tokenKey(current));
    }
  }

  /** The session of a refresh token, if the token belongs to the user. */
  public Optional<String> sessionOf(String token, long userId) {
    return ownerOf(token).filter(owner -> owner.userId() == userId).map(Owner::sessionId);
  }

  private Optional<Owner> ownerOf(String token) {
    return Optional.ofNullable(RedisCall.of(() -> values.get(tokenKey(hash(token)))))
        .map(Owner::parse);
  }

  private static CredentialsRejectedException rejected() {
    return new CredentialsRejectedException(CredentialsRejectedException.BAD_REFRESH_TOKEN);
  }

  private static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static String sessionKey(String sessionId) {
    return "auth:refresh:session:" + sessionId;
  }

  private static String userKey(long userId) {
    return "auth:refresh:user:" + userId;
  }

  private static String tokenKey(String hash) {
    return "auth:refresh:token:" + hash;
  }
}
