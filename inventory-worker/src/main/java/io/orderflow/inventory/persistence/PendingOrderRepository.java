package io.orderflow.inventory.persistence;

import io.orderflow.inventory.domain.CustomerHolding;
import io.orderflow.model.SqlArrays;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/** Pending orders seen from their customers: what each holds, and which have waited too long. */
@ApplicationScoped
public class PendingOrderRepository {

  /** A pending order at the version whose cancellation was requested. */
  public record PendingOrder(long id, long version) {}

  /**
   * Locks the customers for the rest of the transaction, in ascending id order and before any order
   * or product row, then reads what their pending orders hold. Only a transaction holding a
   * customer's lock creates pending orders for them, so the figures stay exact until it commits.
   * Customers without pending orders are absent from the result.
   */
  public Map<Long, CustomerHolding> lockAndReadHoldings(Connection c, SortedSet<Long> userIds)
      throws SQLException {
    Map<Long, CustomerHolding> holdings = new HashMap<>();
    if (userIds.isEmpty()) {
      return holdings;
    }
    // Its own statement: a statement's snapshot predates the locks it waits for.
    try (PreparedStatement lock =
        c.prepareStatement(
            "SELECT pg_advisory_xact_lock(u)"
                + " FROM (SELECT u FROM unnest(?::bigint[]) AS u ORDER BY u) AS customers")) {
      lock.setArray(1, SqlArrays.of(c, "bigint", userIds));
      lock.executeQuery().close();
    }
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT o.user_id, count(DISTINCT o.id), sum(i.quantity)"
                + " FROM orders o JOIN order_items i ON i.order_id = o.id"
                + " WHERE o.user_id = ANY (?) AND o.status = 'pending' GROUP BY o.user_id")) {
      select.setArray(1, SqlArrays.of(c, "bigint", userIds));
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          holdings.put(rs.getLong(1), new CustomerHolding(rs.getInt(2), rs.getInt(3)));
        }
      }
    }
    return holdings;
  }

  /**
   * Claims up to {@code limit} orders pending since before {@code cutoff} whose expiry nobody
   * claimed yet, oldest first. A concurrent claim of the same order waits for this transaction and
   * then skips it, so each reservation's cancellation is requested once.
   */
  public List<PendingOrder> claimExpired(Connection c, Instant cutoff, int limit)
      throws SQLException {
    try (PreparedStatement claim =
        c.prepareStatement(
            "INSERT INTO reservation_expiries (order_id, version)"
                + " SELECT id, version FROM orders o WHERE status = 'pending' AND decided_at < ?"
                + " AND NOT EXISTS (SELECT 1 FROM reservation_expiries e"
                + " WHERE e.order_id = o.id AND e.version = o.version)"
                + " ORDER BY decided_at LIMIT ?"
                + " ON CONFLICT DO NOTHING RETURNING order_id, version")) {
      claim.setTimestamp(1, Timestamp.from(cutoff));
      claim.setInt(2, limit);
      List<PendingOrder> claimed = new ArrayList<>();
      try (ResultSet rs = claim.executeQuery()) {
        while (rs.next()) {
          claimed.add(new PendingOrder(rs.getLong(1), rs.getLong(2)));
        }
      }
      return claimed;
    }
  }
}
