package io.orderflow.system;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The promises of a settled stack, checked against everything it holds: the worker's tables, the
 * topics, the read model and the catalog. An empty list of problems means that every order is
 * decided once and announced as decided, stock is conserved, and every reader agrees with the
 * worker. Used after each crash or fault, while waiting for the stack to settle.
 */
final class StackAudit {
  private static final Set<String> DECISIONS = Set.of("order_reserved", "order_rejected");
  private static final int SHOWN = 12;

  private final IsolatedStack stack;
  private final Map<Long, Integer> initialStock;
  private final List<String> problems = new ArrayList<>();
  private int problemCount;

  /**
   * @param initialStock on hand of every product the test created, when it created it
   */
  private StackAudit(IsolatedStack stack, Map<Long, Integer> initialStock) {
    this.stack = stack;
    this.initialStock = initialStock;
  }

  /** Every broken promise, described; at most a dozen, then how many more. */
  static List<String> problems(IsolatedStack stack, Map<Long, Integer> initialStock)
      throws Exception {
    StackAudit audit = new StackAudit(stack, initialStock);
    Map<Long, WorkerOrder> orders = audit.workerOrders();
    audit.checkDecisionEvents(orders);
    audit.checkReadModel(orders);
    audit.checkStock();
    audit.checkCatalogAndAlerts();
    if (audit.problemCount > SHOWN) {
      audit.problems.add("… and " + (audit.problemCount - SHOWN) + " more");
    }
    return audit.problems;
  }

  /** An order as the worker holds it: status, version, items (product → quantity), last event. */
  record WorkerOrder(
      long id, long userId, String status, int version, Map<Long, Integer> items, JsonNode last) {}

  private Map<Long, WorkerOrder> workerOrders() throws Exception {
    Map<Long, Map<Long, Integer>> items = itemsOf("inventory.order_items");
    Map<Long, WorkerOrder> orders = new HashMap<>();
    for (List<Object> row :
        stack.query("SELECT id, user_id, status, version, last_event FROM inventory.orders")) {
      long id = (Long) row.get(0);
      orders.put(
          id,
          new WorkerOrder(
              id,
              (Long) row.get(1),
              (String) row.get(2),
              (Integer) row.get(3),
              items.getOrDefault(id, Map.of()),
              IsolatedStack.json(new String((byte[]) row.get(4), StandardCharsets.UTF_8))));
    }
    return orders;
  }

  /**
   * One decision per order on {@code orders.events} (redeliveries repeat it byte for byte, never
   * change it), and the newest event of every order is the one the worker stored last.
   */
  private void checkDecisionEvents(Map<Long, WorkerOrder> orders) throws Exception {
    Map<Long, Set<JsonNode>> decisions = new HashMap<>();
    Map<Long, Set<JsonNode>> newest = new HashMap<>();
    Map<Long, Integer> newestVersion = new HashMap<>();
    for (ConsumerRecord<String, JsonNode> record : stack.readAll("orders.events")) {
      JsonNode event = record.value();
      long orderId = event.path("order_id").asLong();
      if (DECISIONS.contains(event.path("type").asText())) {
        decisions.computeIfAbsent(orderId, k -> new HashSet<>()).add(event);
      }
      int version = event.path("version").asInt();
      int seen = newestVersion.getOrDefault(orderId, -1);
      if (version > seen) {
        newestVersion.put(orderId, version);
        newest.put(orderId, new HashSet<>(Set.of(event)));
      } else if (version == seen) {
        newest.get(orderId).add(event);
      }
    }
    decisions.forEach(
        (orderId, distinct) -> {
          if (distinct.size() > 1) {
            problem("order %d decided %d different ways: %s", orderId, distinct.size(), distinct);
          }
        });
    for (WorkerOrder order : orders.values()) {
      Set<JsonNode> last = newest.getOrDefault(order.id(), Set.of());
      if (!decisions.containsKey(order.id())) {
        problem(
            "order %d is decided (%s) but its decision was never announced",
            order.id(), order.status());
      } else if (!last.equals(Set.of(order.last()))) {
        problem("order %d: newest events %s, the worker's %s", order.id(), last, order.last());
      }
    }
  }

  /** The read model holds exactly the worker's orders, with their status, version and items. */
  private void checkReadModel(Map<Long, WorkerOrder> orders) throws Exception {
    Map<Long, Map<Long, Integer>> items = itemsOf("sales.order_items");
    Set<Long> projected = new HashSet<>();
    for (List<Object> row :
        stack.query(
            "SELECT order_id, status, version FROM sales.orders WHERE deleted_at IS NULL")) {
      long id = (Long) row.get(0);
      String status = (String) row.get(1);
      int version = (Integer) row.get(2);
      projected.add(id);
      WorkerOrder order = orders.get(id);
      if (order == null) {
        problem("order %d is %s in the read model but unknown to the worker", id, status);
      } else if (!status.equals(order.status())
          || version != order.version()
          || !items.getOrDefault(id, Map.of()).equals(expectedItems(order))) {
        problem(
            "order %d: read model %s v%d %s, worker %s v%d %s",
            id, status, version, items.get(id), order.status(), order.version(), order.items());
      }
    }
    orders.keySet().stream()
        .filter(id -> !projected.contains(id))
        .forEach(id -> problem("order %d is decided but missing from the read model", id));
  }

  /**
   * Per product: initial + restocks = on hand + shipped, reserved = what pending and confirmed
   * orders hold, nothing negative, and one reservation movement per reserved order line.
   */
  private void checkStock() throws Exception {
    Map<Long, Long> held =
        sums(
            "SELECT i.product_id, sum(i.quantity) FROM inventory.order_items i"
                + " JOIN inventory.orders o ON o.id = i.order_id"
                + " WHERE o.status IN ('pending', 'confirmed') GROUP BY i.product_id");
    Map<Long, Long> shipped =
        sums(
            "SELECT i.product_id, sum(i.quantity) FROM inventory.order_items i"
                + " JOIN inventory.orders o ON o.id = i.order_id"
                + " WHERE o.status IN ('shipped', 'delivered') GROUP BY i.product_id");
    Map<Long, Long> restocked =
        sums(
            "SELECT product_id, sum(on_hand_delta) FROM inventory.stock_movements"
                + " WHERE reason = 'restock' GROUP BY product_id");
    for (List<Object> row : stack.query("SELECT id, on_hand, reserved FROM inventory.products")) {
      long id = (Long) row.get(0);
      int onHand = (Integer) row.get(1);
      int reserved = (Integer) row.get(2);
      Integer initial = initialStock.get(id);
      if (initial == null) {
        continue;
      }
      long supplied = initial + restocked.getOrDefault(id, 0L);
      if (supplied != onHand + shipped.getOrDefault(id, 0L)) {
        problem(
            "product %d: initial + restocks %d, on hand %d + shipped %d",
            id, supplied, onHand, shipped.getOrDefault(id, 0L));
      }
      if (reserved != held.getOrDefault(id, 0L) || reserved < 0 || onHand - reserved < 0) {
        problem(
            "product %d: on hand %d, reserved %d, held by pending/confirmed orders %d",
            id, onHand, reserved, held.getOrDefault(id, 0L));
      }
    }
    for (List<Object> row :
        stack.query(
            "SELECT coalesce(m.order_id, i.order_id), coalesce(m.product_id, i.product_id),"
                + " m.n, i.quantity FROM"
                + " (SELECT order_id, product_id, count(*) AS n"
                + "  FROM inventory.stock_movements WHERE reason = 'order_reserved'"
                + "  GROUP BY order_id, product_id) m"
                + " FULL JOIN (SELECT i.order_id, i.product_id, i.quantity"
                + "  FROM inventory.order_items i) i"
                + " ON m.order_id = i.order_id AND m.product_id = i.product_id"
                + " WHERE m.n IS DISTINCT FROM 1")) {
      problem("order %s product %s: %s reservations for an item of %s", row.toArray());
    }
  }

  /**
   * The newest stock level on {@code inventory.events} and order-api's catalog equal the worker's
   * stock for every product whose stock moved; every product at or below its threshold was alerted.
   */
  private void checkCatalogAndAlerts() throws Exception {
    Map<Long, JsonNode> announced = new HashMap<>();
    for (ConsumerRecord<String, JsonNode> record : stack.readAll("inventory.events")) {
      JsonNode level = record.value();
      if (level == null) {
        continue;
      }
      long id = level.path("product_id").asLong();
      JsonNode before = announced.get(id);
      if (before == null || level.path("at").asText().compareTo(before.path("at").asText()) >= 0) {
        announced.put(id, level);
      }
    }
    Set<Long> alerted = new HashSet<>();
    for (ConsumerRecord<String, JsonNode> record : stack.readAll("inventory.alerts")) {
      alerted.add(record.value().path("product_id").asLong());
    }
    Map<Long, List<Object>> catalog = new TreeMap<>();
    for (List<Object> row :
        stack.query("SELECT product_id, on_hand, reserved FROM sales.products")) {
      catalog.put((Long) row.get(0), row);
    }
    Set<Long> moved = new HashSet<>();
    for (List<Object> row :
        stack.query("SELECT DISTINCT product_id FROM inventory.stock_movements")) {
      moved.add((Long) row.get(0));
    }
    for (List<Object> row :
        stack.query("SELECT id, on_hand, reserved, low_stock_threshold FROM inventory.products")) {
      long id = (Long) row.get(0);
      int onHand = (Integer) row.get(1);
      int reserved = (Integer) row.get(2);
      JsonNode level = announced.get(id);
      if (!initialStock.containsKey(id) || (level == null && !moved.contains(id))) {
        continue;
      }
      if (level == null
          || level.path("on_hand").asInt() != onHand
          || level.path("reserved").asInt() != reserved) {
        problem(
            "product %d: worker %d/%d, newest inventory.events %s", id, onHand, reserved, level);
        continue;
      }
      List<Object> listed = catalog.get(id);
      if (listed == null || !listed.equals(List.of(id, onHand, reserved))) {
        problem("product %d: worker %d/%d, order-api's catalog %s", id, onHand, reserved, listed);
      }
      if (onHand - reserved <= (Integer) row.get(3) && !alerted.contains(id)) {
        problem("product %d is low (%d available) but was never alerted", id, onHand - reserved);
      }
    }
  }

  /** What the read model lists: the reserved items, or the lines a rejected order asked for. */
  private static Map<Long, Integer> expectedItems(WorkerOrder order) {
    if (!order.status().equals("rejected")) {
      return order.items();
    }
    Map<Long, Integer> asked = new TreeMap<>();
    order
        .last()
        .path("lines")
        .forEach(
            line ->
                asked.merge(
                    line.path("product_id").asLong(), line.path("quantity").asInt(), Integer::sum));
    return asked;
  }

  private Map<Long, Map<Long, Integer>> itemsOf(String table) throws Exception {
    Map<Long, Map<Long, Integer>> items = new HashMap<>();
    for (List<Object> row : stack.query("SELECT order_id, product_id, quantity FROM " + table)) {
      items
          .computeIfAbsent((Long) row.get(0), k -> new TreeMap<>())
          .merge((Long) row.get(1), (Integer) row.get(2), Integer::sum);
    }
    return items;
  }

  private Map<Long, Long> sums(String sql) throws Exception {
    Map<Long, Long> sums = new HashMap<>();
    for (List<Object> row : stack.query(sql)) {
      sums.put((Long) row.get(0), ((Number) row.get(1)).longValue());
    }
    return sums;
  }

  private void problem(String format, Object... arguments) {
    problemCount++;
    if (problems.size() < SHOWN) {
      problems.add(String.format(format, arguments));
    }
  }
}
