package io.orderflow.notification.persistence;

import io.orderflow.notification.service.Notification;
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
    int n = notifications.size();
    Object[] orderIds = new Object[n];
    Object[] versions = new Object[n];
    Object[] userIds = new Object[n];
    Object[] kinds = new Object[n];
    Object[] subjects = new Object[n];
    Object[] bodies = new Object[n];
    for (int i = 0; i < n; i++) {
      Notification note = notifications.get(i);
      orderIds[i] = note.orderId();
      versions[i] = note.version();
      userIds[i] = note.userId();
      kinds[i] = note.kind().wireName();
      subjects[i] = note.subject();
      bodies[i] = note.body();
    }
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO sent_notifications (order_id, version, user_id, kind, subject, body)"
                + " SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::text[],"
                + " ?::text[], ?::text[])"
                + " ON CONFLICT (order_id, version) DO NOTHING RETURNING order_id, version")) {
      insert.setArray(1, c.createArrayOf("bigint", orderIds));
      insert.setArray(2, c.createArrayOf("bigint", versions));
      insert.setArray(3, c.createArrayOf("bigint", userIds));
      insert.setArray(4, c.createArrayOf("text", kinds));
      insert.setArray(5, c.createArrayOf("text", subjects));
      insert.setArray(6, c.createArrayOf("text", bodies));
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
