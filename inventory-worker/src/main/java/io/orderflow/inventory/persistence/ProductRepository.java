package io.orderflow.inventory.persistence;

import io.orderflow.inventory.service.ProductStock;
import io.orderflow.inventory.service.StockMovement;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

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
            "SELECT id, name, price, on_hand, reserved FROM products"
                + " WHERE id = ANY (?) ORDER BY id FOR UPDATE")) {
      select.setArray(1, c.createArrayOf("bigint", ids.toArray()));
      List<ProductStock> locked = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          locked.add(
              new ProductStock(
                  rs.getLong("id"),
                  rs.getString("name"),
                  rs.getBigDecimal("price"),
                  rs.getInt("on_hand"),
                  rs.getInt("reserved")));
        }
      }
      return locked;
    }
  }

  public void updateStock(Connection c, List<ProductStock> products) throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE products SET on_hand = ?, reserved = ?, updated_at = now() WHERE id = ?")) {
      for (ProductStock p : products) {
        update.setInt(1, p.onHand());
        update.setInt(2, p.reserved());
        update.setLong(3, p.id());
        update.addBatch();
      }
      update.executeBatch();
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
        insert.setLong(2, m.orderId());
        insert.setInt(3, m.reservedDelta());
        insert.setInt(4, m.onHandDelta());
        insert.setString(5, m.reason());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }
}
