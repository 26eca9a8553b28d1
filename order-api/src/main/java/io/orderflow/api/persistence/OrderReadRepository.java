package io.orderflow.api.persistence;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.orderflow.api.domain.CommandOutcome;
import io.orderflow.api.domain.DependencyUnavailableException;
import io.orderflow.api.domain.OrderFilter;
import io.orderflow.api.domain.OrderPage;
import io.orderflow.api.domain.OrderView;
import io.orderflow.api.domain.OrderView.OrderItemView;
import io.orderflow.api.domain.OrderView.StatusChange;
import io.orderflow.model.OrderStatus;
import io.orderflow.model.StockIssue;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Queries of the order read model ({@code sales.*}). */
@ApplicationScoped
public class OrderReadRepository {
  private static final String ORDER_COLUMNS =
      "order_id, user_id, order_date, status, total_amount, shipping_address_line1,"
          + " shipping_address_line2, shipping_city, shipping_state, shipping_postal_code,"
          + " shipping_country, stock_issues, rejection_reason";

  /** Items in insertion order; prices as text, so no decimal passes through a double. */
  private static final String ITEMS =
      "(SELECT coalesce(json_agg(json_build_array(i.order_item_id, i.product_id, i.product_name,"
          + " i.quantity, i.unit_price::text, i.subtotal::text) ORDER BY i.order_item_id), '[]')"
          + " FROM order_items i WHERE i.order_id = o.order_id) AS items";

  /** Status changes oldest first; times in ISO-8601 with an offset. */
  private static final String HISTORY =
      "(SELECT coalesce(json_agg(json_build_array(h.status,"
          + " to_char(h.at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), h.actor)"
          + " ORDER BY h.version), '[]') FROM order_status_history h"
          + " WHERE h.order_id = o.order_id) AS history";

  private static final String NEWEST_FIRST =
      " ORDER BY order_date DESC, order_id DESC LIMIT ? OFFSET ?";

  private final AgroalDataSource dataSource;
  private final ObjectMapper json;

  OrderReadRepository(AgroalDataSource dataSource, ObjectMapper json) {
    this.dataSource = dataSource;
    this.json = json;
  }

  public Optional<OrderView> findById(long orderId) {
    return query("order_id = ?", "", List.of(orderId)).stream().findFirst();
  }

  /** Whether the order was in the read model and its owner deleted it. */
  public boolean deleted(long orderId) {
    return count("deleted_at IS NOT NULL AND order_id = ?", List.of(orderId)) > 0;
  }

  /** A user's orders, newest first. */
  public List<OrderView> findByUser(
      long userId, Optional<OrderStatus> status, int skip, int limit) {
    List<Object> args = new ArrayList<>(List.of(userId));
    String where = "user_id = ?";
    if (status.isPresent()) {
      where += " AND status = ?";
      args.add(status.get().wireName());
    }
    args.add(limit);
    args.add(skip);
    return query(where, NEWEST_FIRST, args);
  }

  /** Orders not deleted that match {@code condition}, then {@code orderAndPage}. */
  /** The admin list: orders matching every given filter, newest first, and their count. */
  public OrderPage search(OrderFilter filter, int skip, int limit) {
    List<Object> args = new ArrayList<>();
    StringBuilder condition = new StringBuilder("TRUE");
    filter.status().ifPresent(v -> and(condition, args, "status = ?", v.wireName()));
    filter.userId().ifPresent(v -> and(condition, args, "user_id = ?", v));
    filter.startDate().ifPresent(v -> and(condition, args, "order_date >= ?", Timestamp.from(v)));
    filter.endDate().ifPresent(v -> and(condition, args, "order_date < ?", Timestamp.from(v)));
    filter.minAmount().ifPresent(v -> and(condition, args, "total_amount >= ?", v));
    filter.maxAmount().ifPresent(v -> and(condition, args, "total_amount <= ?", v));
    long total = count("deleted_at IS NULL AND " + condition, args);
    List<Object> paged = new ArrayList<>(args);
    paged.add(limit);
    paged.add(skip);
    return new OrderPage(query(condition.toString(), NEWEST_FIRST, paged), total);
  }

  private static void and(StringBuilder condition, List<Object> args, String clause, Object arg) {
    condition.append(" AND ").append(clause);
    args.add(arg);
  }

  private long count(String condition, List<Object> args) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement("SELECT count(*) FROM orders WHERE " + condition)) {
      bind(select, args);
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new DependencyUnavailableException("database", e);
    }
  }

  private static void bind(PreparedStatement statement, List<Object> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      statement.setObject(i + 1, args.get(i));
    }
  }

  /** The outcome of a change command, once the projection recorded it. */
  public Optional<CommandOutcome> findOutcome(UUID commandId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT applied, reason, detail FROM command_outcomes WHERE command_id = ?")) {
      select.setObject(1, commandId);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next()
            ? Optional.of(
                new CommandOutcome(
                    rs.getBoolean("applied"), rs.getString("reason"), rs.getString("detail")))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new DependencyUnavailableException("database", e);
    }
  }

  /** One statement: each order row carries its items and history as JSON arrays. */
  private List<OrderView> query(String condition, String orderAndPage, List<Object> args) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT "
                    + ORDER_COLUMNS
                    + ", "
                    + ITEMS
                    + ", "
                    + HISTORY
                    + " FROM orders o WHERE deleted_at IS NULL AND "
                    + condition
                    + orderAndPage)) {
      bind(select, args);
      List<OrderView> orders = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          orders.add(
              new OrderRow(rs, stockIssues(rs.getString("stock_issues")))
                  .toView(items(rs.getString("items")), history(rs.getString("history"))));
        }
      }
      return orders;
    } catch (SQLException e) {
      throw new DependencyUnavailableException("database", e);
    }
  }

  private List<OrderItemView> items(String column) {
    List<OrderItemView> items = new ArrayList<>();
    for (JsonNode item : tree(column)) {
      items.add(
          new OrderItemView(
              item.get(0).asLong(),
              item.get(1).asLong(),
              item.get(2).isNull() ? null : item.get(2).asText(),
              item.get(3).asInt(),
              decimal(item.get(4)),
              decimal(item.get(5))));
    }
    return items;
  }

  private List<StatusChange> history(String column) {
    List<StatusChange> history = new ArrayList<>();
    for (JsonNode change : tree(column)) {
      history.add(
          new StatusChange(
              OrderStatus.parse(change.get(0).asText()).orElseThrow(),
              Instant.parse(change.get(1).asText()),
              change.get(2).asText()));
    }
    return history;
  }

  private static BigDecimal decimal(JsonNode text) {
    return text.isNull() ? null : new BigDecimal(text.asText());
  }

  private JsonNode tree(String column) {
    try {
      return json.readTree(column);
    } catch (IOException e) {
      throw new IllegalStateException("unreadable order details in the read model", e);
    }
  }

  private List<StockIssue> stockIssues(String column) {
    if (column == null) {
      return null;
    }
    try {
      return json.readValue(column.getBytes(UTF_8), new TypeReference<List<StockIssue>>() {});
    } catch (IOException e) {
      throw new IllegalStateException("unreadable stock issues in the read model", e);
    }
  }

  /** One row of {@code orders}, without its items and history. */
  private static final class OrderRow {
    final long orderId;
    final long userId;
    final Timestamp orderDate;
    final OrderStatus status;
    final BigDecimal totalAmount;
    final String line1, line2, city, state, postalCode, country;
    final List<StockIssue> stockIssues;
    final String rejectionReason;

    OrderRow(ResultSet rs, List<StockIssue> stockIssues) throws SQLException {
      orderId = rs.getLong("order_id");
      userId = rs.getLong("user_id");
      orderDate = rs.getTimestamp("order_date");
      status = OrderStatus.parse(rs.getString("status")).orElseThrow();
      totalAmount = rs.getBigDecimal("total_amount");
      line1 = rs.getString("shipping_address_line1");
      line2 = rs.getString("shipping_address_line2");
      city = rs.getString("shipping_city");
      state = rs.getString("shipping_state");
      postalCode = rs.getString("shipping_postal_code");
      country = rs.getString("shipping_country");
      this.stockIssues = stockIssues;
      rejectionReason = rs.getString("rejection_reason");
    }

    OrderView toView(List<OrderItemView> items, List<StatusChange> history) {
      return new OrderView(
          orderId,
          userId,
          orderDate.toInstant(),
          status,
          totalAmount,
          line1,
          line2,
          city,
          state,
          postalCode,
          country,
          items,
          history,
          stockIssues,
          rejectionReason);
    }
  }
}
