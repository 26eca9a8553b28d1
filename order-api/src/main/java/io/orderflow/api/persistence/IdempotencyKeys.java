package io.orderflow.api.persistence;

import io.agroal.api.AgroalDataSource;
import io.orderflow.api.domain.DependencyUnavailableException;
import io.orderflow.model.MessageJson;
import io.orderflow.model.OrderCommand;
import io.orderflow.model.OrderPlaced;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * Which order each {@code Idempotency-Key} stands for ({@code sales.idempotency_keys}, one row per
 * user and key): written in one commit before the order's command is published, so a retry after
 * any failure finds the same order and its command.
 */
@ApplicationScoped
public class IdempotencyKeys {

  /** What a key stands for: the fingerprint of the request that used it first, and its order. */
  public record KeyedOrder(String fingerprint, OrderPlaced command) {}

  private final AgroalDataSource dataSource;

  IdempotencyKeys(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  public Optional<KeyedOrder> find(long userId, String key) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT fingerprint, command FROM idempotency_keys WHERE user_id = ? AND key = ?")) {
      select.setLong(1, userId);
      select.setString(2, key);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next()
            ? Optional.of(
                new KeyedOrder(
                    rs.getString(1),
                    (OrderPlaced) MessageJson.read(rs.getBytes(2), OrderCommand.class)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new DependencyUnavailableException("database", e);
    }
  }

  /**
   * Stores the key for this order, committed when this returns; false when the key was taken
   * meanwhile (a concurrent request with the same key), which then stands for that request's order.
   */
  public boolean claim(long userId, String key, String fingerprint, OrderPlaced order) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO idempotency_keys (user_id, key, fingerprint, order_id, command)"
                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      insert.setLong(1, userId);
      insert.setString(2, key);
      insert.setString(3, fingerprint);
      insert.setLong(4, order.orderId());
      insert.setBytes(5, MessageJson.write(order));
      return insert.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new DependencyUnavailableException("database", e);
    }
  }

  /** Forgets keys older than {@code keptFor}; returns how many. */
  public int purgeOlderThan(Duration keptFor) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement delete =
            c.prepareStatement(
                "DELETE FROM idempotency_keys WHERE created_at < now() - ?::interval")) {
      delete.setString(1, keptFor.toSeconds() + " seconds");
      return delete.executeUpdate();
    }
  }
}
