package io.orderflow.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.model.DeadLetters;
import io.orderflow.model.Topics;
import io.orderflow.system.WorkerOrders.WorkerOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The promises of a settled stack, checked against everything it holds: the worker's tables, the
 * topics, the read model, the notifications, the idempotency keys and the catalog. An empty list of
 * problems means that every order is decided once and announced as decided, every version of it
 * announced and notified once, stock is conserved, every reader agrees with the worker, nothing was
 * dead-lettered and every key stands for one order. Used after each crash or fault, while waiting
 * for the stack to settle; the stack must run a notification-consumer.
 */
final class StackAudit {
  private static final Set<String> DECISIONS = Set.of("order_reserved", "order_rejected");

  private final IsolatedStack stack;
  private final Map<Long, Integer> initialStock;
  private final Findings findings = new Findings();

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
    Map<Long, WorkerOrder> orders = WorkerOrders.of(stack);
    audit.checkDecisionEvents(orders);
    EventAudit.check(stack, audit.findings);
    ReadModelAudit.check(stack, orders, audit.findings);
    audit.checkStock();
    audit.checkCatalogAndAlerts();
    audit.checkDeadLetters();
    audit.checkIdempotencyKeys(orders);
    return audit.findings.list();
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
            findings.add(
                "order %d decided %d different ways: %s", orderId, distinct.size(), distinct);
          }
        });
    for (WorkerOrder order : orders.values()) {
      Set<JsonNode> last = newest.getOrDefault(order.id(), Set.of());
      if (!decisions.containsKey(order.id())) {
        findings.add(
            "order %d is decided (%s) but its decision was never announced",
            order.id(), order.status());
      } else if (!last.equals(Set.of(order.last()))) {
        findings.add("order %d: newest events %s, the worker's %s", order.id(), last, order.last());
      }
    }
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
        findings.add(
            "product %d: initial + restocks %d, on hand %d + shipped %d",
            id, supplied, onHand, shipped.getOrDefault(id, 0L));
      }
      if (reserved != held.getOrDefault(id, 0L) || reserved < 0 || onHand - reserved < 0) {
        findings.add(
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
      findings.add("order %s product %s: %s reservations for an item of %s", row.toArray());
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
      if (before == null || !instantOf(level).isBefore(instantOf(before))) {
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
        findings.add(
            "product %d: worker %d/%d, newest inventory.events %s", id, onHand, reserved, level);
        continue;
      }
      List<Object> listed = catalog.get(id);
      if (listed == null || !listed.equals(List.of(id, onHand, reserved))) {
        findings.add(
            "product %d: worker %d/%d, order-api's catalog %s", id, onHand, reserved, listed);
      }
      if (onHand - reserved <= (Integer) row.get(3) && !alerted.contains(id)) {
        findings.add(
            "product %d is low (%d available) but was never alerted", id, onHand - reserved);
      }
    }
  }

  /** No message of the pipeline was given up on: every dead-letter topic is empty. */
  private void checkDeadLetters() throws Exception {
    for (String topic : Topics.PIPELINE) {
      String deadLetters = Topics.deadLetterOf(topic);
      for (ConsumerRecord<String, byte[]> letter : stack.readRaw(deadLetters)) {
        Header reason = letter.headers().lastHeader(DeadLetters.REASON);
        findings.add(
            "%s@%d (key %s) dead-lettered: %s",
            deadLetters,
            letter.offset(),
            letter.key(),
            reason == null ? "no reason" : new String(reason.value(), StandardCharsets.UTF_8));
      }
    }
  }

  /** Every idempotency key stands for one order of its user, and no order has two keys. */
  private void checkIdempotencyKeys(Map<Long, WorkerOrder> orders) throws Exception {
    Map<Long, String> keyOf = new HashMap<>();
    for (List<Object> row :
        stack.query("SELECT user_id, key, order_id, command FROM sales.idempotency_keys")) {
      long userId = (Long) row.get(0);
      String key = (String) row.get(1);
      long orderId = (Long) row.get(2);
      JsonNode command =
          IsolatedStack.json(new String((byte[]) row.get(3), StandardCharsets.UTF_8));
      WorkerOrder order = orders.get(orderId);
      String other = keyOf.put(orderId, key);
      if (order == null || order.userId() != userId) {
        findings.add(
            "key %s of user %d stands for order %d, the worker has %s",
            key, userId, orderId, order);
      } else if (command.path("order_id").asLong() != orderId) {
        findings.add("key %s stands for order %d but stores the command %s", key, orderId, command);
      } else if (other != null) {
        findings.add("order %d stands for two keys: %s and %s", orderId, other, key);
      }
    }
  }

  private static Instant instantOf(JsonNode message) {
    return Instant.parse(message.path("at").asText());
  }

  private Map<Long, Long> sums(String sql) throws Exception {
    Map<Long, Long> sums = new HashMap<>();
    for (List<Object> row : stack.query(sql)) {
      sums.put((Long) row.get(0), ((Number) row.get(1)).longValue());
    }
    return sums;
  }
}
