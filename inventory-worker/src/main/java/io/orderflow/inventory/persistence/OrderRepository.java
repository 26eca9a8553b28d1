package io.orderflow.inventory.persistence;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.orderflow.inventory.service.DecidedOrder;
import io.orderflow.model.MessageJson;
import io.orderflow.model.OrderReserved;
import io.orderflow.model.PricedLine;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Decided orders in {@code inventory.orders} with their items and status history. */
@ApplicationScoped
public class OrderRepository {

  /** The last event of every listed order that was already decided, by order id. */
  public Map<Long, byte[]> findLastEvents(Connection c, Collection<Long> orderIds)
      throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement("SELECT id, last_event FROM orders WHERE id = ANY (?)")) {
      select.setArray(1, c.createArrayOf("bigint", orderIds.toArray()));
      Map<Long, byte[]> events = new HashMap<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          events.put(rs.getLong(1), rs.getBytes(2));
        }
      }
      return events;
    }
  }

  public void insert(Connection c, List<DecidedOrder> orders) throws SQLException {
    insertOrders(c, orders);
    insertItems(c, orders);
    insertHistory(c, orders);
  }

  private static void insertOrders(Connection c, List<DecidedOrder> orders) throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO orders (id, user_id, status, version, total_amount, shipping_address,"
                + " placed_at, decided_at, updated_at, last_event)"
                + " VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)")) {
      for (DecidedOrder o : orders) {
        Timestamp decidedAt = Timestamp.from(o.event().at());
        insert.setLong(1, o.event().orderId());
        insert.setLong(2, o.event().userId());
        insert.setString(3, o.event().status().wireName());
        insert.setLong(4, o.event().version());
        if (o.event() instanceof OrderReserved reserved) {
          insert.setBigDecimal(5, reserved.totalAmount());
        } else {
          insert.setNull(5, Types.NUMERIC);
        }
        insert.setString(6, new String(MessageJson.write(o.command().shippingAddress()), UTF_8));
        insert.setTimestamp(7, Timestamp.from(o.command().placedAt()));
        insert.setTimestamp(8, decidedAt);
        insert.setTimestamp(9, decidedAt);
        insert.setBytes(10, o.payload());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static void insertItems(Connection c, List<DecidedOrder> orders) throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO order_items (order_id, product_id, product_name, quantity, unit_price,"
                + " subtotal) VALUES (?, ?, ?, ?, ?, ?)")) {
      for (DecidedOrder o : orders) {
        if (o.event() instanceof OrderReserved reserved) {
          for (PricedLine item : reserved.items()) {
            insert.setLong(1, reserved.orderId());
            insert.setLong(2, item.productId());
            insert.setString(3, item.productName());
            insert.setInt(4, item.quantity());
            insert.setBigDecimal(5, item.unitPrice());
            insert.setBigDecimal(6, item.subtotal());
            insert.addBatch();
          }
        }
      }
      insert.executeBatch();
    }
  }

  private static void insertHistory(Connection c, List<DecidedOrder> orders) throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO order_status_history (order_id, version, status, at, actor)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      for (DecidedOrder o : orders) {
        insert.setLong(1, o.event().orderId());
        insert.setLong(2, o.event().version());
        insert.setString(3, o.event().status().wireName());
        insert.setTimestamp(4, Timestamp.from(o.event().at()));
        insert.setString(5, DecidedOrder.ACTOR);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }
}
