package io.orderflow.api.persistence;

import io.agroal.api.AgroalDataSource;
import io.orderflow.api.domain.DependencyUnavailableException;
import io.orderflow.api.domain.SalesAnalytics;
import io.orderflow.api.domain.SalesAnalytics.DailyFigure;
import io.orderflow.api.domain.SalesAnalytics.TopProduct;
import io.orderflow.model.OrderStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Aggregates over the order read model for the admin's analytics. */
@ApplicationScoped
public class AnalyticsRepository {
  private static final String SELLING = "('pending', 'confirmed', 'shipped', 'delivered')";

  private final AgroalDataSource dataSource;

  AnalyticsRepository(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Orders placed in [from, to), days in UTC. */
  public SalesAnalytics between(Instant from, Instant to, int topProducts) {
    try (Connection c = dataSource.getConnection()) {
      return new SalesAnalytics(perDay(c, from, to), top(c, from, to, topProducts));
    } catch (SQLException e) {
      throw new DependencyUnavailableException("database", e);
    }
  }

  private static List<DailyFigure> perDay(Connection c, Instant from, Instant to)
      throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT (order_date AT TIME ZONE 'UTC')::date AS day, status, count(*),"
                + " coalesce(sum(total_amount) FILTER (WHERE status IN "
                + SELLING
                + "), 0) FROM orders WHERE deleted_at IS NULL AND order_date >= ?"
                + " AND order_date < ? GROUP BY 1, 2 ORDER BY 1, 2")) {
      select.setTimestamp(1, Timestamp.from(from));
      select.setTimestamp(2, Timestamp.from(to));
      List<DailyFigure> figures = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          figures.add(
              new DailyFigure(
                  rs.getDate(1).toLocalDate(),
                  OrderStatus.parse(rs.getString(2)).orElseThrow(),
                  rs.getLong(3),
                  rs.getBigDecimal(4)));
        }
      }
      return figures;
    }
  }

  private static List<TopProduct> top(Connection c, Instant from, Instant to, int limit)
      throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT i.product_id, max(i.product_name), sum(i.quantity), count(DISTINCT o.order_id),"
                + " coalesce(sum(i.subtotal), 0) FROM order_items i JOIN orders o USING (order_id)"
                + " WHERE o.deleted_at IS NULL AND o.status IN "
                + SELLING
                + " AND o.order_date >= ? AND o.order_date < ?"
                + " GROUP BY i.product_id ORDER BY 3 DESC, 1 LIMIT ?")) {
      select.setTimestamp(1, Timestamp.from(from));
      select.setTimestamp(2, Timestamp.from(to));
      select.setInt(3, limit);
      List<TopProduct> top = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          top.add(
              new TopProduct(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getLong(3),
                  rs.getLong(4),
                  rs.getBigDecimal(5)));
        }
      }
      return top;
    }
  }
}
