package io.orderflow.inventory.persistence;

import io.orderflow.inventory.domain.ProductStock;
import io.orderflow.inventory.domain.StockMovement;
import io.orderflow.model.ProductCreationRequested;
import io.orderflow.model.SqlArrays;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Stock rows of {@code inventory.products}, always read under a row lock before a change. */
@ApplicationScoped
public class ProductRepository {

  /**
   * Locks the rows in ascending id order, so two transactions touching the same products can never
   * deadlock. Ids that name no product are simply absent from the result.
   */
  public List<ProductStock> lockForUpdate(Connection c, Collection<Long> ids) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT id, name, description, price, on_hand, reserved, low_stock_threshold"
                + " FROM products"
                + " WHERE id = ANY (?) ORDER BY id FOR UPDATE")) {
      select.setArray(1, SqlArrays.of(c, "bigint", ids));
      List<ProductStock> locked = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          locked.add(
              new ProductStock(
                  rs.getLong("id"),
                  rs.getString("name"),
                  rs.getString("description"),
                  rs.getBigDecimal("price"),
                  rs.getInt("on_hand"),
                  rs.getInt("reserved"),
                  rs.getInt("low_stock_threshold")));
        }
      }
      return locked;
    }
  }

  /** Writes the full current state of every changed product. */
  public void update(Connection c, List<ProductStock> products) throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE products SET name = ?, description = ?, price = ?, on_hand = ?, reserved = ?,"
                + " low_stock_threshold = ?, updated_at = now() WHERE id = ?")) {
      for (ProductStock p : products) {
        update.setString(1, p.name());
        update.setString(2, p.description());
        update.setBigDecimal(3, p.price());
        update.setInt(4, p.onHand());
        update.setInt(5, p.reserved());
        update.setInt(6, p.lowStockThreshold());
        update.setLong(7, p.id());
        update.addBatch();
      }
      update.executeBatch();
    }
  }

  /** A new product with no stock yet; its opening stock arrives as a movement. */
  public ProductStock insert(Connection c, ProductCreationRequested creation) throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO products (name, description, price, on_hand, low_stock_threshold)"
                + " VALUES (?, ?, ?, 0, ?) RETURNING id")) {
      insert.setString(1, creation.name());
      insert.setString(2, creation.description());
      insert.setBigDecimal(3, creation.price());
      insert.setInt(4, creation.lowStockThreshold());
      try (ResultSet rs = insert.executeQuery()) {
        rs.next();
        return new ProductStock(
            rs.getLong(1),
            creation.name(),
            creation.description(),
            creation.price(),
            0,
            0,
            creation.lowStockThreshold());
      }
    }
  }

  /** Product commands processed before: command id to the product it concerned. */
  public Map<UUID, Long> findProcessed(Connection c, Collection<UUID> commandIds)
      throws SQLException {
    Map<UUID, Long> processed = new HashMap<>();
    if (commandIds.isEmpty()) {
      return processed;
    }
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT command_id, product_id FROM processed_commands WHERE command_id = ANY (?)")) {
      select.setArray(1, SqlArrays.of(c, "uuid", commandIds));
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          processed.put(rs.getObject(1, UUID.class), rs.getLong(2));
        }
      }
    }
    return processed;
  }

  public void recordProcessed(Connection c, Map<UUID, Long> processed) throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO processed_commands (command_id, product_id) VALUES (?, ?)")) {
      for (Map.Entry<UUID, Long> entry : processed.entrySet()) {
        insert.setObject(1, entry.getKey());
        insert.setLong(2, entry.getValue());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /** Records why stock moved; one row per product per order. */
  public void recordMovements(Connection c, List<StockMovement> movements) throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO stock_movements (product_id, order_id, reserved_delta, on_hand_delta,"
                + " reason) VALUES (?, ?, ?, ?, ?)")) {
      for (StockMovement m : movements) {
        insert.setLong(1, m.productId());
        insert.setObject(2, m.orderId(), Types.BIGINT);
        insert.setInt(3, m.reservedDelta());
        insert.setInt(4, m.onHandDelta());
        insert.setString(5, m.reason());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }
}
