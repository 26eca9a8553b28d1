package io.orderflow.api.persistence;

import io.agroal.api.AgroalDataSource;
import io.orderflow.api.domain.DependencyUnavailableException;
import io.orderflow.model.OrderLine;
import io.orderflow.model.ProductStockChanged;
import io.orderflow.model.SqlArrays;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The catalog read model ({@code sales.products}), a projection of {@code inventory.events}: its
 * version-aware writes, command outcomes and order totals (reads of products: {@link
 * ProductRepository}).
 */
@ApplicationScoped
public class CatalogRepository {
  private static final String COLUMNS =
      "product_id, name, description, price, on_hand, reserved, low_stock_threshold";

  private final AgroalDataSource dataSource;

  CatalogRepository(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Stores each product's latest state unless a newer one is already there (one statement for the
   * batch), records which product answers each command behind the batch, and wakes whoever waits
   * for those commands once the caller's transaction commits.
   */
  public void applyAll(Connection c, List<ProductStockChanged> snapshots) throws SQLException {
    Map<Long, ProductStockChanged> latest = new LinkedHashMap<>();
    for (ProductStockChanged snapshot : snapshots) {
      latest.merge(snapshot.productId(), snapshot, (a, b) -> b.at().isBefore(a.at()) ? a : b);
    }
    upsertAll(c, latest.values());
    Announcements answered = new Announcements();
    for (ProductStockChanged snapshot : snapshots) {
      if (snapshot.commandId() != null) {
        recordOutcome(c, snapshot);
        answered.add(ReadModelChannel.commandKey(snapshot.commandId()));
      }
    }
    answered.send(c);
  }

  private static void upsertAll(Connection c, Collection<ProductStockChanged> snapshots)
      throws SQLException {
    if (snapshots.isEmpty()) {
      return;
    }
    SqlArrays rows = new SqlArrays(8);
    for (ProductStockChanged s : snapshots) {
      rows.add(
          s.productId(),
          s.name(),
          s.description(),
          s.price(),
          s.onHand(),
          s.reserved(),
          s.lowStockThreshold(),
          s.at());
    }
    try (PreparedStatement upsert =
        c.prepareStatement(
            "INSERT INTO products ("
                + COLUMNS
                + ", as_of) SELECT p.id::bigint, p.name, p.description, p.price::numeric,"
                + " p.on_hand::int, p.reserved::int, p.low::int, p.as_of::timestamptz"
                + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
                + " ?::text[], ?::text[]) AS p(id, name, description, price, on_hand, reserved,"
                + " low, as_of)"
                + " ON CONFLICT (product_id) DO UPDATE SET name = EXCLUDED.name,"
                + " description = EXCLUDED.description, price = EXCLUDED.price,"
                + " on_hand = EXCLUDED.on_hand, reserved = EXCLUDED.reserved,"
                + " low_stock_threshold = EXCLUDED.low_stock_threshold, as_of = EXCLUDED.as_of"
                + " WHERE products.as_of <= EXCLUDED.as_of")) {
      rows.bind(c, upsert);
      upsert.executeUpdate();
    }
  }

  private static void recordOutcome(Connection c, ProductStockChanged snapshot)
      throws SQLException {
    try (PreparedStatement outcome =
        c.prepareStatement(
            "INSERT INTO command_outcomes (command_id, product_id, applied, at)"
                + " VALUES (?, ?, TRUE, ?) ON CONFLICT DO NOTHING")) {
      outcome.setObject(1, snapshot.commandId());
      outcome.setLong(2, snapshot.productId());
      outcome.setTimestamp(3, Timestamp.from(snapshot.at()));
      outcome.executeUpdate();
    }
  }

  /** The product a product command created or changed, once its answer arrived. */
  public Optional<Long> productOf(UUID commandId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement("SELECT product_id FROM command_outcomes WHERE command_id = ?")) {
      select.setObject(1, commandId);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new DependencyUnavailableException("database", e);
    }
  }

  /** The highest price in the catalog (0 while it is empty). */
  public BigDecimal highestPrice() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement("SELECT coalesce(max(price), 0) FROM products");
        ResultSet rs = select.executeQuery()) {
      rs.next();
      return rs.getBigDecimal(1);
    } catch (SQLException e) {
      throw new DependencyUnavailableException("database", e);
    }
  }

  /**
   * What these lines cost at the catalog's current prices (products it does not know count as
   * nothing: the worker rejects them).
   */
  public BigDecimal totalAtCurrentPrices(List<OrderLine> lines) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT coalesce(sum(p.price * l.quantity), 0) FROM products p"
                    + " JOIN unnest(?::bigint[], ?::int[]) AS l(product_id, quantity)"
                    + " USING (product_id)")) {
      select.setArray(
          1, SqlArrays.of(c, "bigint", lines.stream().map(OrderLine::productId).toList()));
      select.setArray(
          2, SqlArrays.of(c, "integer", lines.stream().map(OrderLine::quantity).toList()));
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        return rs.getBigDecimal(1);
      }
    } catch (SQLException e) {
      throw new DependencyUnavailableException("database", e);
    }
  }
}
