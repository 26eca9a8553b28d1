package io.orderflow.notification.persistence;

import io.orderflow.model.SqlArrays;
import io.orderflow.notification.domain.Notification;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Notifications in {@code notification.sent_notifications}, at most one per order version. */
@ApplicationScoped
public class SentNotificationRepository {

  /**
   * Stores those whose order version has none yet, in one statement; returns the ones stored now.
   * The notifications must be for distinct order versions.
   */
  public List<Notification> insertAbsent(Connection c, List<Notification> notifications)
      throws SQLException {
    if (notifications.isEmpty()) {
      return List.of();
    }
    SqlArrays rows = new SqlArrays(6);
    for (Notification note : notifications) {
      rows.add(
          note.orderId(),
          note.version(),
          note.userId(),
          note.kind().wireName(),
          note.subject(),
          note.body());
    }
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO sent_notifications (order_id, version, user_id, kind, subject, body)"
                + " SELECT o::bigint, v::bigint, u::bigint, k, s, b"
                + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
                + " AS r(o, v, u, k, s, b)"
                + " ON CONFLICT (order_id, version) DO NOTHING RETURNING order_id, version")) {
      rows.bind(c, insert);
      Map<OrderVersion, Notification> byVersion = new HashMap<>();
      notifications.forEach(note -> byVersion.put(OrderVersion.of(note), note));
      List<Notification> stored = new ArrayList<>();
      try (ResultSet rs = insert.executeQuery()) {
        while (rs.next()) {
          stored.add(byVersion.get(new OrderVersion(rs.getLong(1), rs.getLong(2))));
        }
      }
      return stored;
    }
  }

  private record OrderVersion(long orderId, long version) {
    static OrderVersion of(Notification note) {
      return new OrderVersion(note.orderId(), note.version());
    }
  }
}
