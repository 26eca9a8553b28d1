package io.orderflow.api.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.orderflow.api.messaging.ReadModelListener;
import io.orderflow.api.service.DependencyUnavailableException;
import io.orderflow.api.service.OrderView;
import io.orderflow.model.OrderChangeRefused;
import io.orderflow.model.OrderDeleted;
import io.orderflow.model.OrderEvent;
import io.orderflow.model.OrderLine;
import io.orderflow.model.OrderPlaced;
import io.orderflow.model.OrderRejected;
import io.orderflow.model.OrderReserved;
import io.orderflow.model.OrderStatus;
import io.orderflow.model.OrderStatusChanged;
import io.orderflow.model.PricedLine;
import io.orderflow.model.ShippingAddress;
import io.orderflow.model.StockIssue;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Writes the order read model. Every write names the order's version; a row only ever moves to a
 * newer version, so replayed or reordered events change nothing.
 */
@ApplicationScoped
public class ReadModelWriter {
  /** The channel on which committed changes are announced, payload = a listener key. */
  public static final String CHANGED_CHANNEL = "read_model_changed";

  private static final String WORKER = "inventory-worker";

  private final AgroalDataSource dataSource;
  private final ObjectMapper json;

  ReadModelWriter(AgroalDataSource dataSource, ObjectMapper json) {
    this.dataSource = dataSource;
    this.json = json;
  }

  /** An accepted order, {@code received} at version 0, unless its decision got here first. */
  public void insertReceived(OrderPlaced order) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      if (upsert(
          c,
          order.orderId(),
          order.userId(),
          order.placedAt(),
          order.shippingAddress(),
          OrderStatus.RECEIVED,
          0,
          null,
          null)) {
        insertRequestedItems(c, order.orderId(), order.lines());
      }
      insertHistory(
          c,
          order.orderId(),
          0,
          OrderStatus.RECEIVED,
          order.placedAt(),
          OrderView.actorOf(order.userId()));
      c.commit();
    } catch (SQLException e) {
      throw new DependencyUnavailableException("database", e);
    }
  }

  /**
   * Applies one event inside the caller's transaction and announces it on {@link #CHANGED_CHANNEL}
   * when that transaction commits.
   *
   * @return false when the read model already holds this or a newer version
   */
  public boolean apply(Connection c, OrderEvent event) throws SQLException {
    boolean applied;
    if (event instanceof OrderReserved reserved) {
      applied = applyReserved(c, reserved);
    } else if (event instanceof OrderRejected rejected) {
      applied = applyRejected(c, rejected);
    } else if (event instanceof OrderStatusChanged changed) {
      applied = applyStatus(c, changed, changed.status(), false, changed.by());
      recordOutcome(c, changed.commandId(), changed.orderId(), true, null, null, changed.at());
    } else if (event instanceof OrderDeleted deleted) {
      applied = applyStatus(c, deleted, OrderStatus.CANCELLED, true, deleted.by());
      recordOutcome(c, deleted.commandId(), deleted.orderId(), true, null, null, deleted.at());
    } else {
      OrderChangeRefused refused = (OrderChangeRefused) event;
      applied =
          recordOutcome(
              c,
              refused.commandId(),
              refused.orderId(),
              false,
              refused.reason().name(),
              refused.detail(),
              refused.at());
    }
    if (applied) {
      announce(c, ReadModelListener.orderKey(event.orderId()));
    }
    return applied;
  }

  /** Wakes whoever waits for {@code key} once the caller's transaction commits. */
  static void announce(Connection c, String key) throws SQLException {
    try (PreparedStatement notify = c.prepareStatement("SELECT pg_notify(?, ?)")) {
      notify.setString(1, CHANGED_CHANNEL);
      notify.setString(2, key);
      notify.execute();
    }
  }

  private boolean applyReserved(Connection c, OrderReserved reserved) throws SQLException {
    boolean applied =
        upsert(
            c,
            reserved.orderId(),
            reserved.userId(),
            reserved.placedAt(),
            reserved.shippingAddress(),
            OrderStatus.PENDING,
            reserved.version(),
            reserved.totalAmount(),
            null);
    if (applied) {
      replaceItemsWithPriced(c, reserved.orderId(), reserved.items());
      insertDecisionHistory(c, reserved);
    }
    return applied;
  }

  private boolean applyRejected(Connection c, OrderRejected rejected) throws SQLException {
    boolean applied =
        upsert(
            c,
            rejected.orderId(),
            rejected.userId(),
            rejected.placedAt(),
            rejected.shippingAddress(),
            OrderStatus.REJECTED,
            rejected.version(),
            null,
            rejected.stockIssues());
    if (applied) {
      deleteItems(c, rejected.orderId());
      insertRequestedItems(c, rejected.orderId(), rejected.lines());
      insertDecisionHistory(c, rejected);
    }
    return applied;
  }

  private static void insertDecisionHistory(Connection c, OrderEvent decision) throws SQLException {
    insertHistory(
        c,
        decision.orderId(),
        0,
        OrderStatus.RECEIVED,
        decision.placedAt(),
        OrderView.actorOf(decision.userId()));
    insertHistory(
        c, decision.orderId(), decision.version(), decision.status(), decision.at(), WORKER);
  }

  /** A later status of an order the read model already holds; older versions change nothing. */
  private static boolean applyStatus(
      Connection c, OrderEvent event, OrderStatus status, boolean deleted, String by)
      throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE orders SET status = ?, version = ?, updated_at = now(),"
                + " deleted_at = CASE WHEN ? THEN ? ELSE deleted_at END"
                + " WHERE order_id = ? AND version < ?")) {
      update.setString(1, status.wireName());
      update.setLong(2, event.version());
      update.setBoolean(3, deleted);
      update.setTimestamp(4, Timestamp.from(event.at()));
      update.setLong(5, event.orderId());
      update.setLong(6, event.version());
      if (update.executeUpdate() == 0) {
        return false;
      }
    }
    insertHistory(c, event.orderId(), event.version(), status, event.at(), by);
    return true;
  }

  /** Whether the change command worked, for the request waiting on it; first record wins. */
  private static boolean recordOutcome(
      Connection c,
      UUID commandId,
      long orderId,
      boolean applied,
      String reason,
      String detail,
      Instant at)
      throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO command_outcomes (command_id, order_id, applied, reason, detail, at)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      insert.setObject(1, commandId);
      insert.setLong(2, orderId);
      insert.setBoolean(3, applied);
      insert.setString(4, reason);
      insert.setString(5, detail);
      insert.setTimestamp(6, Timestamp.from(at));
      return insert.executeUpdate() == 1;
    }
  }

  private boolean upsert(
      Connection c,
      long orderId,
      long userId,
      Instant placedAt,
      ShippingAddress address,
      OrderStatus status,
      long version,
      BigDecimal total,
      List<StockIssue> stockIssues)
      throws SQLException {
    try (PreparedStatement upsert =
        c.prepareStatement(
            "INSERT INTO orders (order_id, user_id, status, version, order_date, total_amount,"
                + " shipping_address_line1, shipping_address_line2, shipping_city, shipping_state,"
                + " shipping_postal_code, shipping_country, stock_issues, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, now())"
                + " ON CONFLICT (order_id) DO UPDATE SET status = EXCLUDED.status,"
                + " version = EXCLUDED.version, total_amount = EXCLUDED.total_amount,"
                + " stock_issues = EXCLUDED.stock_issues, updated_at = now()"
                + " WHERE orders.version < EXCLUDED.version")) {
      upsert.setLong(1, orderId);
      upsert.setLong(2, userId);
      upsert.setString(3, status.wireName());
      upsert.setLong(4, version);
      upsert.setTimestamp(5, Timestamp.from(placedAt));
      upsert.setBigDecimal(6, total);
      upsert.setString(7, address.line1());
      upsert.setString(8, address.line2());
      upsert.setString(9, address.city());
      upsert.setString(10, address.state());
      upsert.setString(11, address.postalCode());
      upsert.setString(12, address.country());
      upsert.setString(13, stockIssues == null ? null : toJson(stockIssues));
      return upsert.executeUpdate() == 1;
    }
  }

  private static void deleteItems(Connection c, long orderId) throws SQLException {
    try (PreparedStatement delete =
        c.prepareStatement("DELETE FROM order_items WHERE order_id = ?")) {
      delete.setLong(1, orderId);
      delete.executeUpdate();
    }
  }

  private static void insertRequestedItems(Connection c, long orderId, List<OrderLine> lines)
      throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO order_items (order_id, product_id, quantity) VALUES (?, ?, ?)")) {
      for (OrderLine line : lines) {
        insert.setLong(1, orderId);
        insert.setLong(2, line.productId());
        insert.setInt(3, line.quantity());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static void replaceItemsWithPriced(Connection c, long orderId, List<PricedLine> items)
      throws SQLException {
    deleteItems(c, orderId);
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO order_items (order_id, product_id, product_name, quantity, unit_price,"
                + " subtotal) VALUES (?, ?, ?, ?, ?, ?)")) {
      for (PricedLine item : items) {
        insert.setLong(1, orderId);
        insert.setLong(2, item.productId());
        insert.setString(3, item.productName());
        insert.setInt(4, item.quantity());
        insert.setBigDecimal(5, item.unitPrice());
        insert.setBigDecimal(6, item.subtotal());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static void insertHistory(
      Connection c, long orderId, long version, OrderStatus status, Instant at, String actor)
      throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO order_status_history (order_id, version, status, at, actor)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      insert.setLong(1, orderId);
      insert.setLong(2, version);
      insert.setString(3, status.wireName());
      insert.setTimestamp(4, Timestamp.from(at));
      insert.setString(5, actor);
      insert.executeUpdate();
    }
  }

  private String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
