package io.orderflow.api.persistence;

import io.agroal.api.AgroalDataSource;
import io.orderflow.api.domain.DependencyUnavailableException;
import io.orderflow.model.MessageJson;
import io.orderflow.model.OrderCommand;
import io.orderflow.model.OrderPlaced;
import io.orderflow.model.SqlArrays;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which order each {@code Idempotency-Key} stands for ({@code sales.idempotency_keys}, one row per
 * user and key): committed before the order's command is published, so a retry after any failure
 * finds the same order and its command. Claims arrive in batches ({@code KeyClaims}).
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

  /** A key to store for the order it will stand for. */
  public record KeyClaim(long userId, String key, String fingerprint, OrderPlaced order) {}

  /**
   * Stores the keys in one statement and one commit, committed when this returns.
   *
   * @return the ids of the orders whose key was stored; the other keys were taken, by an earlier
   *     request or by another claim in this call, and stand for that request's order
   */
  public Set<Long> claimAll(List<KeyClaim> claims) {
    SqlArrays rows = new SqlArrays(5);
    for (KeyClaim claim : claims) {
      rows.add(
          claim.userId(),
          claim.key(),
          claim.fingerprint(),
          claim.order().orderId(),
          new String(MessageJson.write(claim.order()), StandardCharsets.UTF_8));
    }
    Set<Long> stored = new HashSet<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO idempotency_keys (user_id, key, fingerprint, order_id, command)"
                    + " SELECT k.user_id::bigint, k.key, k.fingerprint, k.order_id::bigint,"
                    + " convert_to(k.command, 'UTF8')"
                    + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
                    + " AS k(user_id, key, fingerprint, order_id, command)"
                    + " ON CONFLICT DO NOTHING RETURNING order_id")) {
      rows.bind(c, insert);
      try (ResultSet rs = insert.executeQuery()) {
        while (rs.next()) {
          stored.add(rs.getLong(1));
        }
      }
    } catch (SQLException e) {
      throw new DependencyUnavailableException("database", e);
    }
    return stored;
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
