package io.orderflow.api.security;

import io.orderflow.api.domain.DependencyUnavailableException;
import java.util.function.Supplier;

/**
 * Runs a blocking Redis command. Any failure means the state kept in Redis is unknown, so the
 * request fails closed with a 503 instead of going on without it.
 */
public final class RedisCall {
  public static <T> T of(Supplier<T> command) {
    try {
      return command.get();
    } catch (Exception e) {
      throw new DependencyUnavailableException("redis", e);
    }
  }

  public static void run(Runnable command) {
    of(
        () -> {
          command.run();
          return null;
        });
  }

  private RedisCall() {}
}
