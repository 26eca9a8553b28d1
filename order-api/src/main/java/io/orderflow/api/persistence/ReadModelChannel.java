package io.orderflow.api.persistence;

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

  public static String orderKey(long orderId) {
    return "order:" + orderId;
  }

  /** The outcome of a product command, whose product id may not exist yet. */
  public static String commandKey(UUID commandId) {
    return "command:" + commandId;
  }

  private ReadModelChannel() {}
}
