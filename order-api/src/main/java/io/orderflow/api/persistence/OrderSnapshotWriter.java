package io.orderflow.api.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.api.domain.OrderView;
import io.orderflow.api.domain.OrderView.OrderItemView;
import io.orderflow.api.domain.OrderView.StatusChange;
import io.orderflow.model.SqlArrays;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one way rows reach the read model's three tables: one set-based statement per table, whatever
 * the number of orders. An order is written whole (its row, its items, its status history) as a
 * snapshot: the order received, written when its decision is late, or the order as the worker
 * decided it. A snapshot's history starts at {@code received}, version 0, and each entry is the
 * next version, so its last entry is the version of the row. A row only moves to a newer version: a
 * replayed or late snapshot changes nothing.
 */
@ApplicationScoped
class OrderSnapshotWriter {

  private final ObjectMapper json;

  OrderSnapshotWriter(ObjectMapper json) {
    this.json = json;
  }

  /**
   * @param snapshots at most one per order
   * @return the orders this call changed, by id, as a read of them after the commit would show them
   */
  Map<Long, OrderView> write(Connection c, Collection<OrderView> snapshots) throws SQLException {
    if (snapshots.isEmpty()) {
      return Map.of();
    }
    Set<Long> changed = new HashSet<>();
    List<Long> hadItems = new ArrayList<>();
    upsertOrders(c, snapshots, changed, hadItems);
    List<OrderView> applied =
        snapshots.stream().filter(o -> changed.contains(o.orderId())).toList();
    deleteItems(c, hadItems);
    Map<Long, Map<Long, Long>> itemIds = insertItems(c, applied);
    List<VersionedChange> history = new ArrayList<>();
    for (OrderView order : applied) {
      List<StatusChange> changes = order.statusHistory();
      for (int version = 0; version < changes.size(); version++) {
        history.add(new VersionedChange(order.orderId(), version, changes.get(version)));
      }
    }
    insertHistory(c, history);
    Map<Long, OrderView> views = new LinkedHashMap<>();
    for (OrderView order : applied) {
      views.put(
          order.orderId(), withItemIds(order, itemIds.getOrDefault(order.orderId(), Map.of())));
    }
    return views;
  }

  /** The change that brought an order to a version: one row of its status history. */
  record VersionedChange(long orderId, long version, StatusChange change) {}

  /** Adds history rows; one that is already there (a redelivered change) is left as it is. */
  static void insertHistory(Connection c, List<VersionedChange> changes) throws SQLException {
    if (changes.isEmpty()) {
      return;
    }
    SqlArrays rows = new SqlArrays(5);
    for (VersionedChange v : changes) {
      rows.add(
          v.orderId(),
          v.version(),
          v.change().status().wireName(),
          v.change().at(),
          v.change().by());
    }
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO order_status_history (order_id, version, status, at, actor)"
                + " SELECT h.id::bigint, h.version::int, h.status, h.at::timestamptz, h.actor"
                + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
                + " AS h(id, version, status, at, actor)"
                + " ON CONFLICT DO NOTHING")) {
      rows.bind(c, insert);
      insert.executeUpdate();
    }
  }

  private void upsertOrders(
      Connection c, Collection<OrderView> snapshots, Set<Long> changed, List<Long> hadItems)
      throws SQLException {
    SqlArrays rows = new SqlArrays(14);
    for (OrderView o : snapshots) {
      rows.add(
          o.orderId(),
          o.userId(),
          o.status().wireName(),
          o.statusHistory().size() - 1,
          o.orderDate(),
          o.totalAmount(),
          o.shippingAddressLine1(),
          o.shippingAddressLine2(),
          o.shippingCity(),
          o.shippingState(),
          o.shippingPostalCode(),
          o.shippingCountry(),
          o.stockIssues() == null ? null : toJson(o.stockIssues()),
          o.rejectionReason());
    }
    try (PreparedStatement upsert =
        c.prepareStatement(
            "INSERT INTO orders (order_id, user_id, status, version, order_date, total_amount,"
                + " shipping_address_line1, shipping_address_line2, shipping_city, shipping_state,"
                + " shipping_postal_code, shipping_country, stock_issues, rejection_reason,"
                + " updated_at)"
                + " SELECT d.id::bigint, d.user_id::bigint, d.status, d.version::int,"
                + " d.placed::timestamptz, d.total::numeric, d.l1, d.l2, d.city, d.state,"
                + " d.postal, d.country, d.issues::jsonb, d.reason, now()"
                + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
                + " ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
                + " ?::text[]) AS d(id, user_id, status, version, placed, total, l1, l2, city,"
                + " state, postal, country, issues, reason)"
                + " ON CONFLICT (order_id) DO UPDATE SET status = EXCLUDED.status,"
                + " version = EXCLUDED.version, total_amount = EXCLUDED.total_amount,"
                + " stock_issues = EXCLUDED.stock_issues,"
                + " rejection_reason = EXCLUDED.rejection_reason, updated_at = now()"
                + " WHERE orders.version < EXCLUDED.version"
                + " RETURNING order_id, xmax = 0 AS inserted")) {
      rows.bind(c, upsert);
      try (ResultSet rs = upsert.executeQuery()) {
        while (rs.next()) {
          changed.add(rs.getLong(1));
          if (!rs.getBoolean(2)) {
            hadItems.add(rs.getLong(1)); // it was received: its requested lines are replaced
          }
        }
      }
    }
  }

  private static void deleteItems(Connection c, List<Long> orderIds) throws SQLException {
    if (orderIds.isEmpty()) {
      return;
    }
    try (PreparedStatement delete =
        c.prepareStatement("DELETE FROM order_items WHERE order_id = ANY (?)")) {
      delete.setArray(1, SqlArrays.of(c, "bigint", orderIds));
      delete.executeUpdate();
    }
  }

  /**
   * Priced lines of reserved orders, requested lines of the others.
   *
   * @return the new items' ids by order and product (an order names a product once)
   */
  private static Map<Long, Map<Long, Long>> insertItems(Connection c, List<OrderView> applied)
      throws SQLException {
    SqlArrays rows = new SqlArrays(6);
    for (OrderView order : applied) {
      for (OrderItemView item : order.orderItems()) {
        rows.add(
            order.orderId(),
            item.productId(),
            item.productName(),
            item.quantity(),
            item.unitPrice(),
            item.subtotal());
      }
    }
    Map<Long, Map<Long, Long>> ids = new HashMap<>();
    if (rows.isEmpty()) {
      return ids;
    }
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO order_items (order_id, product_id, product_name, quantity, unit_price,"
                + " subtotal) SELECT i.id::bigint, i.product::bigint, i.name, i.quantity::int,"
                + " i.price::numeric, i.subtotal::numeric"
                + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
                + " WITH ORDINALITY AS i(id, product, name, quantity, price, subtotal, n)"
                + " ORDER BY i.n RETURNING order_id, product_id, order_item_id")) {
      rows.bind(c, insert);
      try (ResultSet rs = insert.executeQuery()) {
        while (rs.next()) {
          ids.computeIfAbsent(rs.getLong(1), order -> new HashMap<>())
              .put(rs.getLong(2), rs.getLong(3));
        }
      }
    }
    return ids;
  }

  private static OrderView withItemIds(OrderView order, Map<Long, Long> idsByProduct) {
    return order.withItems(
        order.orderItems().stream()
            .map(
                i ->
                    new OrderItemView(
                        idsByProduct.get(i.productId()),
                        i.productId(),
                        i.productName(),
                        i.quantity(),
                        i.unitPrice(),
                        i.subtotal()))
            .toList());
  }

  private String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
