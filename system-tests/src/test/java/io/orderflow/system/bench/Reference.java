package io.orderflow.system.bench;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The reference service (one transaction per order) with PostgreSQL and Redis. Its products are
 * inserted into its {@code reference} schema directly: it has no catalog to go through.
 */
final class Reference implements Contender {
  private final BenchStack stack;

  Reference(BenchStack stack) {
    this.stack = stack;
  }

  @Override
  public String name() {
    return "reference";
  }

  @Override
  public List<URI> targets() {
    return List.of(URI.create(stack.reference.baseUrl()));
  }

  @Override
  public Set<String> processes() {
    return Set.of("postgres", "redis", stack.reference.name());
  }

  @Override
  public List<Long> createProducts(String prefix, int count, int stock) throws SQLException {
    try (Connection c = stack.jdbc();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO reference.products (name, price, stock)"
                    + " SELECT ? || '-' || (g - 1), 9.99, ? FROM generate_series(1, ?) g"
                    + " ORDER BY g RETURNING id")) {
      insert.setString(1, prefix);
      insert.setInt(2, stock);
      insert.setInt(3, count);
      List<Long> ids = new ArrayList<>();
      try (ResultSet rs = insert.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
      return ids;
    }
  }

  @Override
  public StockCount stock(List<Long> products) throws SQLException {
    try (Connection c = stack.jdbc();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT p.stock, (SELECT coalesce(sum(i.quantity), 0)"
                    + " FROM reference.order_items i WHERE i.product_id = p.id)"
                    + " FROM reference.products p WHERE p.id = ANY (?)")) {
      select.setArray(1, c.createArrayOf("bigint", products.toArray()));
      long sold = 0;
      long left = 0;
      long negative = 0;
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          left += rs.getLong(1);
          sold += rs.getLong(2);
          negative += rs.getLong(1) < 0 ? 1 : 0;
        }
      }
      // stock is taken, not reserved: what was on hand is what is left plus what was sold
      return new StockCount(sold + left, sold, left, negative, null);
    }
  }

  /** Its accepted orders, by their transaction's time; a rejection writes nothing. */
  @Override
  public Decisions decisions(Instant from, Instant to) throws SQLException {
    try (Connection c = stack.jdbc();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT count(*) FROM reference.orders WHERE created_at >= ? AND created_at < ?")) {
      select.setObject(1, from.atOffset(ZoneOffset.UTC));
      select.setObject(2, to.atOffset(ZoneOffset.UTC));
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        return new Decisions(rs.getLong(1), null, false);
      }
    }
  }

  @Override
  public Optional<Stages> stages(Instant from, Instant to) {
    return Optional.empty();
  }
}
