package io.orderflow.api.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.api.domain.OrderView;
import io.orderflow.model.OrderEvent;
import io.orderflow.model.OrderLine;
import io.orderflow.model.OrderRejected;
import io.orderflow.model.OrderReserved;
import io.orderflow.model.OrderStatus;
import io.orderflow.model.PricedLine;
import io.orderflow.model.ShippingAddress;
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
 * Writes a batch of decisions ({@link OrderReserved}, {@link OrderRejected}) into the read model
 * with a fixed handful of set-based statements, whatever the batch size: the orders in one upsert
 * that only moves a row to a newer version, then the items and status history of the orders it
 * changed. It returns each changed order as the read model now holds it, so that a request waiting
 * in this instance is answered without reading the order back.
 */
@ApplicationScoped
class DecisionWriter {

  private final ObjectMapper json;

  DecisionWriter(ObjectMapper json) {
    this.json = json;
  }

  /**
   * @param decisions at most one per order
   * @return the orders this batch changed, by id, as a read of them after the commit would show
   *     them
   */
  Map<Long, OrderView> write(Connection c, Collection<OrderEvent> decisions) throws SQLException {
    if (decisions.isEmpty()) {
      return Map.of();
    }
    Set<Long> changed = new HashSet<>();
    List<Long> hadItems = new ArrayList<>();
    upsertOrders(c, decisions, changed, hadItems);
    List<OrderEvent> applied =
        decisions.stream().filter(d -> changed.contains(d.orderId())).toList();
    deleteItems(c, hadItems);
    Map<Long, Map<Long, Long>> itemIds = insertItems(c, applied);
    insertHistory(c, applied);
    Map<Long, OrderView> views = new LinkedHashMap<>();
    for (OrderEvent decision : applied) {
      views.put(
          decision.orderId(),
          DecidedOrders.viewOf(decision, itemIds.getOrDefault(decision.orderId(), Map.of())));
    }
    return views;
  }

  private void upsertOrders(
      Connection c, Collection<OrderEvent> decisions, Set<Long> changed, List<Long> hadItems)
      throws SQLException {
    SqlArrays rows = new SqlArrays(14);
    for (OrderEvent decision : decisions) {
      ShippingAddress a = DecidedOrders.addressOf(decision);
      rows.add(
          decision.orderId(),
          decision.userId(),
          decision.status().wireName(),
          decision.version(),
          decision.placedAt(),
          decision instanceof OrderReserved r ? r.totalAmount() : null,
          a.line1(),
          a.line2(),
          a.city(),
          a.state(),
          a.postalCode(),
          a.country(),
          decision instanceof OrderRejected r ? toJson(r.stockIssues()) : null,
          decision instanceof OrderRejected r ? r.reason() : null);
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
   * Priced lines of reserved orders, requested lines of rejected ones.
   *
   * @return the new items' ids by order and product (an order names a product once)
   */
  private static Map<Long, Map<Long, Long>> insertItems(Connection c, List<OrderEvent> applied)
      throws SQLException {
    SqlArrays rows = new SqlArrays(6);
    for (OrderEvent decision : applied) {
      if (decision instanceof OrderReserved reserved) {
        for (PricedLine item : reserved.items()) {
          rows.add(
              reserved.orderId(),
              item.productId(),
              item.productName(),
              item.quantity(),
              item.unitPrice(),
              item.subtotal());
        }
      } else if (decision instanceof OrderRejected rejected) {
        for (OrderLine line : rejected.lines()) {
          rows.add(rejected.orderId(), line.productId(), null, line.quantity(), null, null);
        }
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

  /** Each decided order's history: received (by its customer), then the worker's decision. */
  private static void insertHistory(Connection c, List<OrderEvent> applied) throws SQLException {
    SqlArrays rows = new SqlArrays(5);
    for (OrderEvent decision : applied) {
      rows.add(
          decision.orderId(),
          0,
          OrderStatus.RECEIVED.wireName(),
          decision.placedAt(),
          OrderView.actorOf(decision.userId()));
      rows.add(
          decision.orderId(),
          decision.version(),
          decision.status().wireName(),
          decision.at(),
          DecidedOrders.WORKER);
    }
    if (rows.isEmpty()) {
      return;
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

  private String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
