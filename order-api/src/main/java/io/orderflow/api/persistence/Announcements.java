package io.orderflow.api.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The read-model changes of one transaction, announced on {@link ReadModelChannel} when it commits:
 * one {@code pg_notify} per batch of keys (not one per order), each payload within PostgreSQL's
 * 8000 byte limit (keys are ASCII: {@code order:<id>}, {@code command:<uuid>}).
 */
public final class Announcements {
  private static final int MAX_PAYLOAD_BYTES = 7900;

  private final Set<String> keys = new LinkedHashSet<>();

  public void add(String key) {
    keys.add(key);
  }

  /** Queues the notifications in the caller's transaction; they are delivered at its commit. */
  public void send(Connection c) throws SQLException {
    if (keys.isEmpty()) {
      return;
    }
    try (PreparedStatement notify = c.prepareStatement("SELECT pg_notify(?, ?)")) {
      StringBuilder payload = new StringBuilder();
      for (String key : keys) {
        if (payload.length() > 0 && payload.length() + 1 + key.length() > MAX_PAYLOAD_BYTES) {
          notify(notify, payload);
          payload.setLength(0);
        }
        if (payload.length() > 0) {
          payload.append(ReadModelChannel.SEPARATOR);
        }
        payload.append(key);
      }
      notify(notify, payload);
    }
    keys.clear();
  }

  private static void notify(PreparedStatement notify, CharSequence payload) throws SQLException {
    notify.setString(1, ReadModelChannel.NAME);
    notify.setString(2, payload.toString());
    notify.execute();
  }
}
