package io.orderflow.inventory.persistence;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.orderflow.inventory.domain.ChangedOrder;
import io.orderflow.inventory.domain.DecidedOrder;
import io.orderflow.inventory.domain.OrderState;
import io.orderflow.model.MessageJson;
import io.orderflow.model.OrderEvent;
import io.orderflow.model.OrderLine;
import io.orderflow.model.OrderRejected;
import io.orderflow.model.OrderReserved;
import io.orderflow.model.OrderStatus;
import io.orderflow.model.PricedLine;
import io.orderflow.model.SqlArrays;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Decided orders in {@code inventory.orders} with their items and status history. */
@ApplicationScoped
public class OrderRepository {

  /** The last event of every listed order that was already decided, by order id. */
  public Map<Long, byte[]> findLastEvents(Connection c, Collection<Long> orderIds)
      throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement("SELECT id, last_event FROM orders WHERE id = ANY (?)")) {
      select.setArray(1, SqlArrays.of(c, "bigint", orderIds));
      Map<Long, byte[]> events = new HashMap<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          events.put(rs.getLong(1), rs.getBytes(2));
        }
      }
      return events;
    }
  }

  /**
   * Locks the listed orders (ascending id, before any product row) and reads their state with the
   * items they hold. Orders that do not exist are absent from the result.
   */
  public Map<Long, OrderState> lockForChange(Connection c, Collection<Long> orderIds)
      throws SQLException {
    Map<Long, OrderState> states = new HashMap<>();
    if (orderIds.isEmpty()) {
      return states;
    }
    Map<Long, List<OrderLine>> items = findItems(c, orderIds);
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT id, user_id, status, version, placed_at, deleted_at FROM orders"
                + " WHERE id = ANY (?) ORDER BY id FOR UPDATE")) {
      select.setArray(1, SqlArrays.of(c, "bigint", orderIds));
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          long id = rs.getLong("id");
          states.put(
              id,
              new OrderState(
                  id,
                  rs.getLong("user_id"),
                  OrderStatus.parse(rs.getString("status")).orElseThrow(),
                  rs.getLong("version"),
                  rs.getTimestamp("placed_at").toInstant(),
                  rs.getTimestamp("deleted_at") != null,
                  items.getOrDefault(id, List.of())));
        }
      }
    }
    return states;
  }

  /** The items of the listed orders (deleted ones too), by order id; no lock taken. */
  public Map<Long, List<OrderLine>> findItems(Connection c, Collection<Long> orderIds)
      throws SQLException {
    Map<Long, List<OrderLine>> items = new HashMap<>();
    if (orderIds.isEmpty()) {
      return items;
    }
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT order_id, product_id, quantity FROM order_items WHERE order_id = ANY (?)")) {
      select.setArray(1, SqlArrays.of(c, "bigint", orderIds));
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          items
              .computeIfAbsent(rs.getLong(1), id -> new ArrayList<>())
              .add(new OrderLine(rs.getLong(2), rs.getInt(3)));
        }
      }
    }
    return items;
  }

  /** Outcomes of change commands processed before, by command id. */
  public Map<UUID, byte[]> findOutcomes(Connection c, Collection<UUID> commandIds)
      throws SQLException {
    Map<UUID, byte[]> outcomes = new HashMap<>();
    if (commandIds.isEmpty()) {
      return outcomes;
    }
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT command_id, outcome FROM processed_commands WHERE command_id = ANY (?)")) {
      select.setArray(1, SqlArrays.of(c, "uuid", commandIds));
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          outcomes.put(rs.getObject(1, UUID.class), rs.getBytes(2));
        }
      }
    }
    return outcomes;
  }

  /** Applies changes in the order they were made, each with its history row. */
  public void update(Connection c, List<ChangedOrder> changes) throws SQLException {
    try (PreparedStatement update =
            c.prepareStatement(
                "UPDATE orders SET status = ?, version = ?, updated_at = ?, last_event = ?,"
                    + " deleted_at = CASE WHEN ? THEN ? ELSE deleted_at END WHERE id = ?");
        PreparedStatement outcome =
            c.prepareStatement(
                "INSERT INTO processed_commands (command_id, order_id, outcome) VALUES (?, ?, ?)")) {
      for (ChangedOrder change : changes) {
        Timestamp at = Timestamp.from(change.event().at());
        if (change.state() != null && change.applied()) {
          update.setString(1, change.state().status().wireName());
          update.setLong(2, change.state().version());
          update.setTimestamp(3, at);
          update.setBytes(4, change.payload());
          update.setBoolean(5, change.state().deleted());
          update.setTimestamp(6, at);
          update.setLong(7, change.state().id());
          update.addBatch();
        }
        outcome.setObject(1, change.commandId());
        outcome.setLong(2, change.event().orderId());
        outcome.setBytes(3, change.payload());
        outcome.addBatch();
      }
      update.executeBatch();
      outcome.executeBatch();
    }
    insertHistory(
        c,
        changes.stream()
            .filter(ChangedOrder::applied)
            .map(ch -> new HistoryRow(ch.event(), ch.actor()))
            .toList());
  }

  public void insert(Connection c, List<DecidedOrder> orders) throws SQLException {
    insertOrders(c, orders);
    insertItems(c, orders);
    insertHistory(
        c, orders.stream().map(o -> new HistoryRow(o.event(), DecidedOrder.ACTOR)).toList());
  }

  /**
   * Records the rejection of an order the worker could not process. Only what cannot be the cause
   * of a data error is stored in columns (ids, times, status); the command's address, which may be,
   * is kept only inside the event ({@code bytea} takes any bytes), and the address column holds
   * JSON {@code null}. No items are stored: nothing was reserved.
   */
  public void insertUndecidable(Connection c, OrderRejected rejection, byte[] payload)
      throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO orders (id, user_id, status, version, total_amount, shipping_address,"
                + " placed_at, decided_at, updated_at, last_event)"
                + " VALUES (?, ?, ?, ?, NULL, 'null'::jsonb, ?, ?, ?, ?)")) {
      Timestamp decidedAt = Timestamp.from(rejection.at());
      insert.setLong(1, rejection.orderId());
      insert.setLong(2, rejection.userId());
      insert.setString(3, rejection.status().wireName());
      insert.setLong(4, rejection.version());
      insert.setTimestamp(5, Timestamp.from(rejection.placedAt()));
      insert.setTimestamp(6, decidedAt);
      insert.setTimestamp(7, decidedAt);
      insert.setBytes(8, payload);
      insert.executeUpdate();
    }
    insertHistory(c, List.of(new HistoryRow(rejection, DecidedOrder.ACTOR)));
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

  private static void insertHistory(Connection c, List<HistoryRow> rows) throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO order_status_history (order_id, version, status, at, actor)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      for (HistoryRow row : rows) {
        insert.setLong(1, row.event().orderId());
        insert.setLong(2, row.event().version());
        insert.setString(3, row.event().status().wireName());
        insert.setTimestamp(4, Timestamp.from(row.event().at()));
        insert.setString(5, row.actor());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private record HistoryRow(OrderEvent event, String actor) {}
}
