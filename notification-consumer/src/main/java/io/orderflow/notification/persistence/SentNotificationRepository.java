package io.orderflow.notification.persistence;

import io.orderflow.notification.service.Notification;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Notifications in {@code notification.sent_notifications}, at most one per order version. */
@ApplicationScoped
public class SentNotificationRepository {

  /** Stores it unless that order version already has one; true when it was stored now. */
  public boolean insertIfAbsent(Connection c, Notification n) throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO sent_notifications (order_id, version, user_id, kind, subject, body)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (order_id, version) DO NOTHING")) {
      insert.setLong(1, n.orderId());
      insert.setLong(2, n.version());
      insert.setLong(3, n.userId());
      insert.setString(4, n.kind().wireName());
      insert.setString(5, n.subject());
      insert.setString(6, n.body());
      return insert.executeUpdate() == 1;
    }
  }
}
