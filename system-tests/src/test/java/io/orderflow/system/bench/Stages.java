package io.orderflow.system.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * Where a pipeline order's time went, from the rows it left (the schemas' own timestamps):
 * order-api's placed_at to the worker's decided_at ({@code inventory.orders}), then to the read
 * model's updated_at ({@code sales.orders}, version above 0 once a decision is projected).
 *
 * @param orders decided orders found
 * @param notVisible of them, not (yet) decided in the read model
 */
record Stages(
    long orders,
    long notVisible,
    Double placedToDecidedP50Ms,
    Double placedToDecidedP99Ms,
    Double decidedToVisibleP50Ms,
    Double decidedToVisibleP99Ms) {

  private static final String DECIDING =
      "(extract(epoch FROM o.decided_at - o.placed_at) * 1000)::float8";
  private static final String SHOWING =
      "(extract(epoch FROM s.updated_at - o.decided_at) * 1000)::float8";
  private static final String SELECT =
      "SELECT count(*), count(*) FILTER (WHERE s.order_id IS NULL OR s.version = 0),"
          + (" percentile_cont(0.5) WITHIN GROUP (ORDER BY " + DECIDING + "),")
          + (" percentile_cont(0.99) WITHIN GROUP (ORDER BY " + DECIDING + "),")
          + (" percentile_cont(0.5) WITHIN GROUP (ORDER BY " + SHOWING + ")")
          + " FILTER (WHERE s.version > 0),"
          + (" percentile_cont(0.99) WITHIN GROUP (ORDER BY " + SHOWING + ")")
          + " FILTER (WHERE s.version > 0)"
          + " FROM inventory.orders o LEFT JOIN sales.orders s ON s.order_id = o.id";

  /** Of the orders placed in [from, to). */
  static Stages placedBetween(Connection c, Instant from, Instant to) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(SELECT + " WHERE o.placed_at >= ? AND o.placed_at < ?")) {
      select.setObject(1, from.atOffset(ZoneOffset.UTC));
      select.setObject(2, to.atOffset(ZoneOffset.UTC));
      return read(select);
    }
  }

  /** Of the orders with these ids. */
  static Stages of(Connection c, long[] orderIds) throws SQLException {
    try (PreparedStatement select = c.prepareStatement(SELECT + " WHERE o.id = ANY (?)")) {
      Array ids = c.createArrayOf("bigint", Arrays.stream(orderIds).boxed().toArray());
      select.setArray(1, ids);
      return read(select);
    }
  }

  private static Stages read(PreparedStatement select) throws SQLException {
    try (ResultSet rs = select.executeQuery()) {
      rs.next();
      return new Stages(rs.getLong(1), rs.getLong(2), ms(rs, 3), ms(rs, 4), ms(rs, 5), ms(rs, 6));
    }
  }

  /** A column in milliseconds, null when there was nothing to measure. */
  private static Double ms(ResultSet rs, int column) throws SQLException {
    double value = rs.getDouble(column);
    return rs.wasNull() ? null : value;
  }
}
