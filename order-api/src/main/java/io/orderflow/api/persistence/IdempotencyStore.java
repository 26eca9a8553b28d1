package io.orderflow.api.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.api.security.RedisCall;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;

/**
 * Idempotency keys of POST requests, per user, in Redis for 24 hours: first an in-flight claim with
 * the request's fingerprint, then the answer that later retries get again.
 */
@ApplicationScoped
public class IdempotencyStore {
  static final Duration KEPT_FOR = Duration.ofHours(24);

  /** Longer than any request takes to answer (publish time-out plus decision wait). */
  static final Duration IN_FLIGHT_FOR = Duration.ofMinutes(2);

  /** What a key holds: the request's fingerprint, and its answer once there is one. */
  public record Entry(String fingerprint, Integer status, String body, String location) {
    public boolean inFlight() {
      return status == null;
    }
  }

  private final RedisDataSource redis;
  private final ValueCommands<String, String> values;
  private final ObjectMapper json;

  IdempotencyStore(RedisDataSource redis, ObjectMapper json) {
    this.redis = redis;
    this.values = redis.value(String.class);
    this.json = json;
  }

  /** Claims the key for this request; empty when claimed now, else what the key already holds. */
  public Optional<Entry> claim(long userId, String key, String fingerprint) {
    String redisKey = redisKey(userId, key);
    String claim = write(new Entry(fingerprint, null, null, null));
    return RedisCall.of(
        () -> {
          // a key released between the two commands is simply claimed on the next round
          while (!claimed(redisKey, claim)) {
            String earlier = values.get(redisKey);
            if (earlier != null) {
              return Optional.of(read(earlier));
            }
          }
          return Optional.empty();
        });
  }

  public void complete(long userId, String key, Entry answer) {
    RedisCall.run(
        () -> values.set(redisKey(userId, key), write(answer), new SetArgs().xx().ex(KEPT_FOR)));
  }

  /** Frees the key of a request that accepted nothing, so that a retry can run. */
  public void release(long userId, String key) {
    RedisCall.run(() -> values.getdel(redisKey(userId, key)));
  }

  /**
   * SET NX with a short expiry: the claim of a request whose process died frees itself, instead of
   * answering 409 for a day.
   */
  private boolean claimed(String redisKey, String claim) {
    Response answer =
        redis.execute(
            "SET", redisKey, claim, "NX", "EX", String.valueOf(IN_FLIGHT_FOR.toSeconds()));
    return answer != null && "OK".equals(answer.toString());
  }

  private static String redisKey(long userId, String key) {
    return "idempotency:" + userId + ":" + key;
  }

  private String write(Entry entry) {
    try {
      return json.writeValueAsString(entry);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private Entry read(String stored) {
    try {
      return json.readValue(stored, Entry.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable idempotency entry", e);
    }
  }
}
