package io.orderflow.api.persistence;

import io.agroal.api.AgroalDataSource;
import io.orderflow.api.messaging.ReadModelListener;
import io.orderflow.api.service.DependencyUnavailableException;
import io.orderflow.api.service.ProductView;
import io.orderflow.model.ProductStockChanged;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The catalog read model ({@code sales.products}), a projection of {@code inventory.events}. */
@ApplicationScoped
public class CatalogRepository {
  private static final String COLUMNS =
      "product_id, name, description, price, on_hand, reserved, low_stock_threshold";

  private final AgroalDataSource dataSource;

  CatalogRepository(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Stores a product's state unless a newer one is already there, records which product answers the
   * command behind it, and wakes whoever waits for that command.
   */
  public void apply(Connection c, ProductStockChanged snapshot) throws SQLException {
    try (PreparedStatement upsert =
        c.prepareStatement(
            "INSERT INTO products ("
                + COLUMNS
                + ", as_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (product_id) DO UPDATE SET name = EXCLUDED.name,"
                + " description = EXCLUDED.description, price = EXCLUDED.price,"
                + " on_hand = EXCLUDED.on_hand, reserved = EXCLUDED.reserved,"
                + " low_stock_threshold = EXCLUDED.low_stock_threshold, as_of = EXCLUDED.as_of"
                + " WHERE products.as_of <= EXCLUDED.as_of")) {
      upsert.setLong(1, snapshot.productId());
      upsert.setString(2, snapshot.name());
      upsert.setString(3, snapshot.description());
      upsert.setBigDecimal(4, snapshot.price());
      upsert.setInt(5, snapshot.onHand());
      upsert.setInt(6, snapshot.reserved());
      upsert.setInt(7, snapshot.lowStockThreshold());
      upsert.setTimestamp(8, Timestamp.from(snapshot.at()));
      upsert.executeUpdate();
    }
    if (snapshot.commandId() != null) {
      try (PreparedStatement outcome =
          c.prepareStatement(
              "INSERT INTO command_outcomes (command_id, product_id, applied, at)"
                  + " VALUES (?, ?, TRUE, ?) ON CONFLICT DO NOTHING")) {
        outcome.setObject(1, snapshot.commandId());
        outcome.setLong(2, snapshot.productId());
        outcome.setTimestamp(3, Timestamp.from(snapshot.at()));
        outcome.executeUpdate();
      }
      ReadModelWriter.announce(c, ReadModelListener.commandKey(snapshot.commandId()));
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

  public Optional<ProductView> findById(long productId) {
    return query("WHERE product_id = ?", productId).stream().findFirst();
  }

  public List<ProductView> list(int skip, int limit) {
    return query("ORDER BY product_id LIMIT ? OFFSET ?", limit, skip);
  }

  /** Every product, for the stock check. */
  public List<ProductView> all() {
    return query("ORDER BY product_id");
  }

  private List<ProductView> query(String tail, Object... args) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement("SELECT " + COLUMNS + " FROM products " + tail)) {
      for (int i = 0; i < args.length; i++) {
        select.setObject(i + 1, args[i]);
      }
      List<ProductView> products = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          products.add(
              ProductView.of(
                  rs.getLong("product_id"),
                  rs.getString("name"),
                  rs.getString("description"),
                  rs.getBigDecimal("price"),
                  rs.getInt("on_hand"),
                  rs.getInt("reserved"),
                  rs.getInt("low_stock_threshold")));
        }
      }
      return products;
    } catch (SQLException e) {
      throw new DependencyUnavailableException("database", e);
    }
  }
}
