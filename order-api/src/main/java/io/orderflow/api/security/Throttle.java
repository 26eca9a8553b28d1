package io.orderflow.api.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.api.domain.ThrottledException;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Allowances counted in Redis, shared by every order-api instance. Each {@link Counter} allows
 * {@code limit} attempts; after that either the rest of its window is refused ({@link
 * Rule#perWindow}) or each further attempt must wait a backoff that doubles per attempt ({@link
 * Rule#withBackoff}). One Lua script checks every counter of a request and counts the attempt on
 * all of them, or on none: a parallel burst cannot slip between the check and the count, so at most
 * {@code limit} attempts ever get past.
 */
@ApplicationScoped
public class Throttle {
  private static final Logger LOG = Logger.getLogger(Throttle.class);
  // Per key: hash {n: attempts counted, last: ms of the last one}. ARGV: per key limit, window,
  // backoff, max backoff (ms). Returns 0 when counted, else the ms to wait. Redis's own clock, so
  // that instances whose clocks differ agree.
  private static final String ACQUIRE =
      """
      local time = redis.call('TIME')
      local now = time[1] * 1000 + math.floor(time[2] / 1000)
      local function delay(i, n)
        local backoff = tonumber(ARGV[4 * i - 1])
        if n < tonumber(ARGV[4 * i - 3]) or backoff == 0 then return 0 end
        return math.min(tonumber(ARGV[4 * i]), backoff * 2 ^ (n - tonumber(ARGV[4 * i - 3])))
      end
      local wait = 0
      for i, key in ipairs(KEYS) do
        local n = tonumber(redis.call('HGET', key, 'n') or '0')
        if n >= tonumber(ARGV[4 * i - 3]) then
          local left
          if tonumber(ARGV[4 * i - 1]) == 0 then
            left = redis.call('PTTL', key)
          else
            left = tonumber(redis.call('HGET', key, 'last')) + delay(i, n) - now
          end
          wait = math.max(wait, left)
        end
      end
      if wait > 0 then return math.ceil(wait) end
      for i, key in ipairs(KEYS) do
        local n = redis.call('HINCRBY', key, 'n', 1)
        redis.call('HSET', key, 'last', now)
        if tonumber(ARGV[4 * i - 1]) > 0 then
          redis.call('PEXPIRE', key, tonumber(ARGV[4 * i - 2]) + delay(i, n))
        elseif n == 1 then
          redis.call('PEXPIRE', key, ARGV[4 * i - 2])
        end
      end
      return 0
      """;
  private static final String REFUND =
      "if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HINCRBY', KEYS[1], 'n', -1) end";

  /**
   * {@code limit} attempts; then, without backoff, none until the window (from the first attempt)
   * ends; with backoff, each further one waits {@code backoff × 2^k} after the previous, capped at
   * {@code maxBackoff}, and the counter is forgotten after {@code window} without attempts.
   */
  public record Rule(int limit, Duration window, Duration backoff, Duration maxBackoff) {
    public static Rule perWindow(int limit, Duration window) {
      return new Rule(limit, window, Duration.ZERO, Duration.ZERO);
    }

    public static Rule withBackoff(
        int limit, Duration backoff, Duration maxBackoff, Duration forgetAfter) {
      return new Rule(limit, forgetAfter, backoff, maxBackoff);
    }
  }

  /** The attempts of one subject (an address, an account and address pair) at one action. */
  public record Counter(String name, String subject, Rule rule) {
    String key() {
      return "auth:throttle:" + name + ":" + subject;
    }
  }

  private final RedisDataSource redis;
  private final MeterRegistry meters;

  Throttle(RedisDataSource redis, MeterRegistry meters) {
    this.redis = redis;
    this.meters = meters;
  }

  /**
   * Counts one attempt on every counter; when any is used up, counts none and throws {@link
   * ThrottledException} with {@code refusal} as its message.
   */
  public void acquire(String refusal, String address, Counter... counters) {
    List<String> arguments = new ArrayList<>(List.of(ACQUIRE, String.valueOf(counters.length)));
    Stream.of(counters).map(Counter::key).forEach(arguments::add);
    for (Counter counter : counters) {
      Rule rule = counter.rule();
      arguments.add(String.valueOf(rule.limit()));
      arguments.add(String.valueOf(rule.window().toMillis()));
      arguments.add(String.valueOf(rule.backoff().toMillis()));
      arguments.add(String.valueOf(rule.maxBackoff().toMillis()));
    }
    long waitMillis =
        RedisCall.of(() -> redis.execute("EVAL", arguments.toArray(String[]::new)).toLong());
    if (waitMillis > 0) {
      long seconds = (waitMillis + 999) / 1000;
      String names = Stream.of(counters).map(Counter::name).collect(Collectors.joining("+"));
      meters.counter("orderflow.auth.throttled", "counters", names).increment();
      LOG.warnf("refused %s from %s for %d s", names, address, seconds);
      throw new ThrottledException(refusal, seconds);
    }
  }

  /** Gives back the attempt counted on {@code counter}, as if it had not been made. */
  public void refund(Counter counter) {
    RedisCall.run(() -> redis.execute("EVAL", REFUND, "1", counter.key()));
  }

  /** Forgets every attempt counted on {@code counter}. */
  public void reset(Counter counter) {
    RedisCall.run(() -> redis.key().del(counter.key()));
  }
}
