package io.orderflow.api.security;

import io.orderflow.api.config.AuthConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyCommands;
import io.quarkus.redis.datasource.keys.RedisKeyNotFoundException;
import io.quarkus.redis.datasource.value.ValueCommands;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Counts failed logins per account and per client address in Redis, each in a fixed window that
 * starts at the first failure. Once either count reaches its limit, logins are refused with 429
 * (without checking the password) until the window ends.
 */
@ApplicationScoped
public class LoginThrottle {
  private static final Logger LOG = Logger.getLogger(LoginThrottle.class);
  // INCR and EXPIRE in one step, so that a counter never lives without its expiry.
  private static final String COUNT_FAILURE =
      "local n = redis.call('INCR', KEYS[1]) "
          + "if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end return n";

  private final RedisDataSource redis;
  private final ValueCommands<String, Long> counters;
  private final KeyCommands<String> keys;
  private final AuthConfig.Throttle limits;

  LoginThrottle(RedisDataSource redis, AuthConfig config) {
    this.redis = redis;
    this.counters = redis.value(Long.class);
    this.keys = redis.key();
    this.limits = config.throttle();
  }

  /** Throws {@link LoginThrottledException} when the account or the address is locked out. */
  public void checkAllowed(String email, String address) {
    refuseIfOver(accountKey(email), limits.maxFailuresPerAccount(), address);
    refuseIfOver(addressKey(address), limits.maxFailuresPerAddress(), address);
  }

  public void recordFailure(String email, String address) {
    String window = String.valueOf(limits.window().toSeconds());
    for (String key : new String[] {accountKey(email), addressKey(address)}) {
      RedisCall.run(() -> redis.execute("EVAL", COUNT_FAILURE, "1", key, window));
    }
  }

  /** A successful login clears the account's count (not the address's). */
  public void recordSuccess(String email) {
    RedisCall.run(() -> keys.del(accountKey(email)));
  }

  private void refuseIfOver(String key, int maxFailures, String address) {
    Long failures = RedisCall.of(() -> counters.get(key));
    if (failures != null && failures >= maxFailures) {
      long retryAfter = RedisCall.of(() -> secondsLeft(key));
      LOG.warnf(
          "login from %s refused for %d s: %d failed attempts", address, retryAfter, failures);
      throw new LoginThrottledException(retryAfter);
    }
  }

  private long secondsLeft(String key) {
    try {
      return Math.max(1, keys.ttl(key));
    } catch (RedisKeyNotFoundException expiredMeanwhile) {
      return 1;
    }
  }

  private static String accountKey(String email) {
    return "auth:login-failures:account:" + email.toLowerCase(Locale.ROOT);
  }

  private static String addressKey(String address) {
    return "auth:login-failures:address:" + address;
  }
}
