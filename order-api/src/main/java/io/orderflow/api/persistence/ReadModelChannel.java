package io.orderflow.api.persistence;

import java.util.OptionalLong;
import java.util.UUID;

/**
 * The PostgreSQL channel on which read-model changes are announced, and the keys that name them:
 * the one vocabulary of whoever writes the read model ({@link Announcements}) and whoever waits for
 * it ({@code ReadModelListener}).
 */
public final class ReadModelChannel {
  /** The channel on which committed changes are announced; the payload is a list of keys. */
  public static final String NAME = "read_model_changed";

  public static final String SEPARATOR = " ";

  private static final String ORDER_PREFIX = "order:";

  public static String orderKey(long orderId) {
    return ORDER_PREFIX + orderId;
  }

  /** The order a key names; empty for a key that names something else. */
  public static OptionalLong orderIdOf(String key) {
    return key.startsWith(ORDER_PREFIX)
        ? OptionalLong.of(Long.parseLong(key.substring(ORDER_PREFIX.length())))
        : OptionalLong.empty();
  }

  /** The outcome of a product command, whose product id may not exist yet. */
  public static String commandKey(UUID commandId) {
    return "command:" + commandId;
  }

  private ReadModelChannel() {}
}
