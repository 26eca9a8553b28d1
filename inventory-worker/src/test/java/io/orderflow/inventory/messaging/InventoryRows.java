package io.orderflow.inventory.messaging;

import io.agroal.api.AgroalDataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Sets up and reads the worker's tables directly, for assertions on what a command did. */
final class InventoryRows {
  private final AgroalDataSource db;

  InventoryRows(AgroalDataSource db) {
    this.db = db;
  }

  record Stock(int onHand, int reserved) {}

  long product(String name, String price, int onHand) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO inventory.products (name, price, on_hand) VALUES (?, ?, ?) RETURNING id")) {
      insert.setString(1, name);
      insert.setBigDecimal(2, new BigDecimal(price));
      insert.setInt(3, onHand);
      try (ResultSet rs = insert.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  Stock stock(long productId) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement select =
            c.prepareStatement("SELECT on_hand, reserved FROM inventory.products WHERE id = ?")) {
      select.setLong(1, productId);
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        return new Stock(rs.getInt(1), rs.getInt(2));
      }
    }
  }

  /** A {@code SELECT count(*) FROM table ...} on the worker's schema. */
  long count(String sql) throws SQLException {
    try (Connection c = db.getConnection();
        ResultSet rs = c.createStatement().executeQuery(sql.replace("FROM ", "FROM inventory."))) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
