package io.orderflow.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.system.WorkerOrders.Address;
import io.orderflow.system.WorkerOrders.Change;
import io.orderflow.system.WorkerOrders.Item;
import io.orderflow.system.WorkerOrders.WorkerOrder;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * The worker's orders are priced consistently, and order-api's read model holds exactly them: the
 * same status, version, items and prices, total, address, rejection and history.
 */
final class ReadModelAudit {

  /** An order as the read model holds it. */
  private record ReadOrder(
      String status,
      int version,
      BigDecimal total,
      Address address,
      List<Item> items,
      JsonNode stockIssues,
      String reason) {}

  static void check(IsolatedStack stack, Map<Long, WorkerOrder> orders, Findings findings)
      throws Exception {
    orders.values().forEach(order -> checkPrices(order, findings));
    Map<Long, List<Item>> items = WorkerOrders.items(stack, "sales.order_items");
    Map<Long, Map<Integer, Change>> history =
        WorkerOrders.history(stack, "sales.order_status_history");
    Map<Long, Map<Integer, Change>> workerHistory =
        WorkerOrders.history(stack, "inventory.order_status_history");
    Set<Long> projected = new HashSet<>();
    for (List<Object> row :
        stack.query(
            "SELECT order_id, status, version, total_amount, shipping_address_line1,"
                + " shipping_address_line2, shipping_city, shipping_state, shipping_postal_code,"
                + " shipping_country, stock_issues::text, rejection_reason"
                + " FROM sales.orders WHERE deleted_at IS NULL")) {
      long id = (Long) row.get(0);
      projected.add(id);
      ReadOrder read =
          new ReadOrder(
              (String) row.get(1),
              (Integer) row.get(2),
              (BigDecimal) row.get(3),
              new Address(
                  (String) row.get(4),
                  (String) row.get(5),
                  (String) row.get(6),
                  (String) row.get(7),
                  (String) row.get(8),
                  (String) row.get(9)),
              items.getOrDefault(id, List.of()),
              row.get(10) == null ? null : IsolatedStack.json((String) row.get(10)),
              (String) row.get(11));
      WorkerOrder order = orders.get(id);
      if (order == null) {
        findings.add(
            "order %d is %s in the read model but unknown to the worker", id, read.status());
        continue;
      }
      ReadOrder expected = expected(order);
      if (!expected.equals(read)) {
        findings.add("order %d: read model %s, worker %s", id, read, expected);
      }
      Map<Integer, Change> worker = workerHistory.getOrDefault(id, Map.of());
      history
          .getOrDefault(id, Map.of())
          .forEach(
              (version, change) -> {
                if (!change.equals(worker.get(version))) {
                  findings.add(
                      "order %d version %d: read model's history %s, worker's %s",
                      id, version, change, worker.get(version));
                }
              });
    }
    orders.keySet().stream()
        .filter(id -> !projected.contains(id))
        .forEach(id -> findings.add("order %d is decided but missing from the read model", id));
  }

  /** Each subtotal is its unit price times its quantity, and the total is their sum. */
  private static void checkPrices(WorkerOrder order, Findings findings) {
    if (order.status().equals("rejected")) {
      return;
    }
    BigDecimal sum = BigDecimal.ZERO;
    for (Item item : order.items()) {
      if (item.subtotal().compareTo(item.unitPrice().multiply(BigDecimal.valueOf(item.quantity())))
          != 0) {
        findings.add(
            "order %d: item %s is not priced as unit price times quantity", order.id(), item);
      }
      sum = sum.add(item.subtotal());
    }
    if (order.total() == null || order.total().compareTo(sum) != 0) {
      findings.add("order %d: total %s, its items add up to %s", order.id(), order.total(), sum);
    }
  }

  /**
   * What the read model should hold: reserved orders with the worker's priced items and total,
   * rejected ones with the lines they asked for and the worker's stock issues or reason.
   */
  private static ReadOrder expected(WorkerOrder order) {
    if (!order.status().equals("rejected")) {
      return new ReadOrder(
          order.status(),
          order.version(),
          order.total(),
          order.address(),
          order.items(),
          null,
          null);
    }
    JsonNode rejection = order.last();
    List<Item> asked =
        StreamSupport.stream(rejection.path("lines").spliterator(), false)
            .map(
                line ->
                    new Item(
                        line.path("product_id").asLong(),
                        line.path("quantity").asInt(),
                        null,
                        null,
                        null))
            .sorted(Item.BY_PRODUCT)
            .toList();
    return new ReadOrder(
        order.status(),
        order.version(),
        null,
        order.address(),
        asked,
        rejection.path("stock_issues"),
        rejection.path("reason").textValue());
  }

  private ReadModelAudit() {}
}
