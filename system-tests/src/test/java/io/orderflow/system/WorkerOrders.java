package io.orderflow.system;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the stack holds about orders, read the same way from the worker and from the read model. */
final class WorkerOrders {

  /** An order as the worker holds it, with its items sorted by product and its last event. */
  record WorkerOrder(
      long id,
      long userId,
      String status,
      int version,
      BigDecimal total,
      Address address,
      List<Item> items,
      JsonNode last) {}

  /** One order line; name and prices are null for the requested lines of a rejected order. */
  record Item(
      long productId, int quantity, String name, BigDecimal unitPrice, BigDecimal subtotal) {
    static final Comparator<Item> BY_PRODUCT = Comparator.comparingLong(Item::productId);
  }

  /** A shipping address, whether stored as JSON (worker, events) or in columns (read model). */
  record Address(
      String line1, String line2, String city, String state, String postalCode, String country) {
    static Address of(JsonNode json) {
      return new Address(
          json.path("line1").textValue(),
          json.path("line2").textValue(),
          json.path("city").textValue(),
          json.path("state").textValue(),
          json.path("postal_code").textValue(),
          json.path("country").textValue());
    }
  }

  /** One version of an order: the status it moved to, when, and who moved it. */
  record Change(String status, Instant at, String actor) {}

  static Map<Long, WorkerOrder> of(IsolatedStack stack) throws Exception {
    Map<Long, List<Item>> items = items(stack, "inventory.order_items");
    Map<Long, WorkerOrder> orders = new HashMap<>();
    for (List<Object> row :
        stack.query(
            "SELECT id, user_id, status, version, total_amount, shipping_address::text,"
                + " last_event FROM inventory.orders")) {
      long id = (Long) row.get(0);
      JsonNode last = IsolatedStack.json(new String((byte[]) row.get(6), StandardCharsets.UTF_8));
      JsonNode address = IsolatedStack.json((String) row.get(5));
      orders.put(
          id,
          new WorkerOrder(
              id,
              (Long) row.get(1),
              (String) row.get(2),
              (Integer) row.get(3),
              (BigDecimal) row.get(4),
              // an order the worker could not process keeps its address only in its event
              Address.of(address.isNull() ? last.path("shipping_address") : address),
              items.getOrDefault(id, List.of()),
              last));
    }
    return orders;
  }

  /** The items of every order in {@code table} (the worker's or the read model's). */
  static Map<Long, List<Item>> items(IsolatedStack stack, String table) throws Exception {
    Map<Long, List<Item>> items = new HashMap<>();
    for (List<Object> row :
        stack.query(
            "SELECT order_id, product_id, quantity, product_name, unit_price, subtotal FROM "
                + table)) {
      items
          .computeIfAbsent((Long) row.get(0), k -> new ArrayList<>())
          .add(
              new Item(
                  (Long) row.get(1),
                  (Integer) row.get(2),
                  (String) row.get(3),
                  (BigDecimal) row.get(4),
                  (BigDecimal) row.get(5)));
    }
    items.values().forEach(list -> list.sort(Item.BY_PRODUCT));
    return items;
  }

  /** Every version of every order in {@code table}'s status history, from version 1 on. */
  static Map<Long, Map<Integer, Change>> history(IsolatedStack stack, String table)
      throws Exception {
    Map<Long, Map<Integer, Change>> history = new HashMap<>();
    for (List<Object> row :
        stack.query(
            "SELECT order_id, version, status, at, actor FROM " + table + " WHERE version > 0")) {
      history
          .computeIfAbsent((Long) row.get(0), k -> new TreeMap<>())
          .put(
              (Integer) row.get(1),
              new Change(
                  (String) row.get(2), ((Timestamp) row.get(3)).toInstant(), (String) row.get(4)));
    }
    return history;
  }

  private WorkerOrders() {}
}
