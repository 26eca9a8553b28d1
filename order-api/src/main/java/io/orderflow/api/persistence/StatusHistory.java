package io.orderflow.api.persistence;

import io.agroal.api.AgroalDataSource;
import io.orderflow.api.domain.DependencyUnavailableException;
import io.orderflow.api.domain.OrderUpdate;
import io.orderflow.api.domain.OrderView;
import io.orderflow.model.OrderStatus;
import io.orderflow.model.SqlArrays;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The versions of orders from the read model's status history, for the live streams: what changed
 * since the version a stream last sent. Deleted orders are included, their last version being the
 * deletion.
 */
@ApplicationScoped
public class StatusHistory {
  private final AgroalDataSource dataSource;

  StatusHistory(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * In one statement, the versions of each order newer than the one it is mapped to, or only its
   * newest where that is null; per order oldest first.
   */
  public List<OrderUpdate> after(Map<Long, Long> sentVersions) {
    return select(sentVersions, null);
  }

  /**
   * In one statement, the versions of each order newer than the one it is mapped to, or those
   * changed at or after {@code since} where that is null; per order oldest first.
   */
  public List<OrderUpdate> after(Map<Long, Long> sentVersions, Instant since) {
    return select(sentVersions, since);
  }

  private List<OrderUpdate> select(Map<Long, Long> sentVersions, Instant since) {
    if (sentVersions.isEmpty()) {
      return List.of();
    }
    SqlArrays sent = new SqlArrays(2);
    sentVersions.forEach(sent::add);
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT h.order_id, h.version, h.status, h.at, o.user_id, o.total_amount,"
                    + " o.rejection_reason, o.stock_issues IS NOT NULL AS for_stock,"
                    + " o.deleted_at IS NOT NULL AND h.version = o.version AS deletion"
                    + " FROM unnest(?::text[], ?::text[]) AS s(order_id, sent)"
                    + " JOIN orders o ON o.order_id = s.order_id::bigint"
                    + " JOIN order_status_history h ON h.order_id = o.order_id"
                    + " AND CASE WHEN s.sent IS NOT NULL THEN h.version > s.sent::bigint"
                    + " WHEN ?::timestamptz IS NULL THEN h.version = o.version"
                    + " ELSE h.at >= ?::timestamptz END"
                    + " ORDER BY h.order_id, h.version")) {
      sent.bind(c, select);
      Timestamp from = since == null ? null : Timestamp.from(since);
      select.setTimestamp(3, from);
      select.setTimestamp(4, from);
      List<OrderUpdate> updates = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          OrderStatus status = OrderStatus.parse(rs.getString("status")).orElseThrow();
          updates.add(
              new OrderUpdate(
                  rs.getLong("order_id"),
                  rs.getLong("version"),
                  status,
                  rs.getTimestamp("at").toInstant(),
                  status == OrderStatus.REJECTED ? reasonOf(rs) : null,
                  rs.getLong("user_id"),
                  rs.getBigDecimal("total_amount"),
                  rs.getBoolean("deletion")));
        }
      }
      return updates;
    } catch (SQLException e) {
      throw new DependencyUnavailableException("database", e);
    }
  }

  private static String reasonOf(ResultSet rs) throws SQLException {
    String reason = rs.getString("rejection_reason");
    return reason == null && rs.getBoolean("for_stock") ? OrderView.INSUFFICIENT_STOCK : reason;
  }
}
