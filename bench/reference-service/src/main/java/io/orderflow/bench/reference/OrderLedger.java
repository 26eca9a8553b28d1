package io.orderflow.bench.reference;

import io.agroal.api.AgroalDataSource;
import io.orderflow.model.StockIssue;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Decides an order in one transaction: lock its products in ascending id order, check stock, take
 * it, insert the order and its items, commit. Five statements and one commit per order.
 */
@ApplicationScoped
public class OrderLedger {
  private static final String LOCK =
      "SELECT id, name, price, stock FROM products WHERE id = ANY (?) ORDER BY id FOR UPDATE";
  private static final String TAKE = "UPDATE products SET stock = stock - ? WHERE id = ?";
  private static final String INSERT_ORDER =
      "INSERT INTO orders (user_id, status, total_amount, shipping_address_line1,"
          + " shipping_address_line2, shipping_city, shipping_state, shipping_postal_code,"
          + " shipping_country) VALUES (?, 'pending', ?, ?, ?, ?, ?, ?, ?)"
          + " RETURNING id, created_at";
  private static final String INSERT_ITEM =
      "INSERT INTO order_items (order_id, product_id, product_name, quantity, unit_price,"
          + " subtotal) VALUES (?, ?, ?, ?, ?, ?)";

  /** What became of an order. */
  public sealed interface Decision permits Placed, Rejected {}

  public record Placed(OrderResponse order) implements Decision {}

  /** Nothing was written; one issue per line that cannot be served. */
  public record Rejected(List<StockIssue> issues) implements Decision {}

  private record Product(long id, String name, BigDecimal price, int stock) {}

  private final AgroalDataSource dataSource;

  OrderLedger(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  public Decision place(long userId, PlaceOrderRequest request) {
    SortedMap<Long, Integer> wanted = request.quantities();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        Map<Long, Product> products = lock(c, wanted);
        List<StockIssue> issues = issues(wanted, products);
        if (!issues.isEmpty()) {
          c.rollback();
          return new Rejected(issues);
        }
        take(c, wanted);
        OrderResponse order = insert(c, userId, request, wanted, products);
        c.commit();
        return new Placed(order);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("the order transaction failed", e);
    }
  }

  private static Map<Long, Product> lock(Connection c, SortedMap<Long, Integer> wanted)
      throws SQLException {
    Map<Long, Product> products = new HashMap<>();
    try (PreparedStatement lock = c.prepareStatement(LOCK)) {
      lock.setArray(1, c.createArrayOf("bigint", wanted.keySet().toArray()));
      try (ResultSet rs = lock.executeQuery()) {
        while (rs.next()) {
          Product p =
              new Product(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3), rs.getInt(4));
          products.put(p.id(), p);
        }
      }
    }
    return products;
  }

  private static List<StockIssue> issues(
      SortedMap<Long, Integer> wanted, Map<Long, Product> products) {
    List<StockIssue> issues = new ArrayList<>();
    wanted.forEach(
        (id, quantity) -> {
          Product p = products.get(id);
          if (p == null) {
            issues.add(StockIssue.productNotFound(id, quantity));
          } else if (p.stock() < quantity) {
            issues.add(StockIssue.insufficient(id, p.name(), quantity, p.stock()));
          }
        });
    return issues;
  }

  private static void take(Connection c, SortedMap<Long, Integer> wanted) throws SQLException {
    try (PreparedStatement take = c.prepareStatement(TAKE)) {
      for (Map.Entry<Long, Integer> line : wanted.entrySet()) {
        take.setInt(1, line.getValue());
        take.setLong(2, line.getKey());
        take.addBatch();
      }
      take.executeBatch();
    }
  }

  private static OrderResponse insert(
      Connection c,
      long userId,
      PlaceOrderRequest request,
      SortedMap<Long, Integer> wanted,
      Map<Long, Product> products)
      throws SQLException {
    List<OrderResponse.Item> items = new ArrayList<>();
    wanted.forEach(
        (id, quantity) -> {
          Product p = products.get(id);
          items.add(
              new OrderResponse.Item(
                  id,
                  p.name(),
                  quantity,
                  p.price(),
                  p.price().multiply(BigDecimal.valueOf(quantity))));
        });
    BigDecimal total =
        items.stream().map(OrderResponse.Item::subtotal).reduce(BigDecimal.ZERO, BigDecimal::add);
    long orderId;
    Instant created;
    try (PreparedStatement order = c.prepareStatement(INSERT_ORDER)) {
      order.setLong(1, userId);
      order.setBigDecimal(2, total);
      order.setString(3, request.shippingAddressLine1());
      order.setString(4, request.shippingAddressLine2());
      order.setString(5, request.shippingCity());
      order.setString(6, request.shippingState());
      order.setString(7, request.shippingPostalCode());
      order.setString(8, request.shippingCountry());
      try (ResultSet rs = order.executeQuery()) {
        rs.next();
        orderId = rs.getLong(1);
        created = rs.getTimestamp(2).toInstant();
      }
    }
    try (PreparedStatement item = c.prepareStatement(INSERT_ITEM)) {
      for (OrderResponse.Item line : items) {
        item.setLong(1, orderId);
        item.setLong(2, line.productId());
        item.setString(3, line.productName());
        item.setInt(4, line.quantity());
        item.setBigDecimal(5, line.unitPrice());
        item.setBigDecimal(6, line.subtotal());
        item.addBatch();
      }
      item.executeBatch();
    }
    return new OrderResponse(
        orderId,
        userId,
        created,
        "pending",
        total,
        request.shippingAddressLine1(),
        request.shippingAddressLine2(),
        request.shippingCity(),
        request.shippingState(),
        request.shippingPostalCode(),
        request.shippingCountry(),
        items,
        List.of(new OrderResponse.StatusChange("pending", created, "user:" + userId)));
  }
}
