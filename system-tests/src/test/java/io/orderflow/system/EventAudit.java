package io.orderflow.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.system.WorkerOrders.Change;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Every version of every order on {@code orders.events}: published in one form only (redeliveries
 * repeat it), equal to the worker's history of that version, and told to its customer exactly once
 * by the notification-consumer. A refused change repeats the order's current version and tells
 * nobody, so it is left out.
 */
final class EventAudit {
  private static final String REFUSED = "order_change_refused";

  /** The notification each event type gives, as the notifier stores its kind. */
  private static final Map<String, String> NOTIFIED_AS =
      Map.of(
          "order_reserved", "order_received",
          "order_rejected", "order_rejected",
          "order_status_changed", "order_status_changed",
          "order_deleted", "order_deleted");

  record OrderVersion(long orderId, int version) {}

  /** A stored notification: its kind and user, and how many rows its order version has. */
  private record Notified(String kind, long userId, long rows) {}

  static void check(IsolatedStack stack, Findings findings) throws Exception {
    Map<OrderVersion, Set<JsonNode>> published = new HashMap<>();
    for (ConsumerRecord<String, JsonNode> record : stack.readAll("orders.events")) {
      JsonNode event = record.value();
      if (!event.path("type").asText().equals(REFUSED)) {
        published
            .computeIfAbsent(
                new OrderVersion(event.path("order_id").asLong(), event.path("version").asInt()),
                k -> new HashSet<>())
            .add(event);
      }
    }
    checkAgainstHistory(published, stack, findings);
    checkNotifications(published, stack, findings);
  }

  private static void checkAgainstHistory(
      Map<OrderVersion, Set<JsonNode>> published, IsolatedStack stack, Findings findings)
      throws Exception {
    Map<OrderVersion, Change> history = new HashMap<>();
    WorkerOrders.history(stack, "inventory.order_status_history")
        .forEach(
            (orderId, versions) ->
                versions.forEach((v, change) -> history.put(new OrderVersion(orderId, v), change)));
    published.forEach(
        (version, events) -> {
          if (events.size() > 1) {
            findings.add("%s published as %d different events: %s", version, events.size(), events);
          }
          JsonNode event = events.iterator().next();
          Change change = history.get(version);
          Change announced =
              new Change(
                  statusOf(event),
                  Instant.parse(event.path("at").asText()),
                  change == null ? null : change.actor());
          if (change == null) {
            findings.add("%s on orders.events but not in the worker's history: %s", version, event);
          } else if (!change.equals(announced)) {
            findings.add("%s: worker's history %s, orders.events %s", version, change, announced);
          }
        });
    history.keySet().stream()
        .filter(version -> !published.containsKey(version))
        .forEach(
            version -> findings.add("%s (%s) was never announced", version, history.get(version)));
  }

  private static void checkNotifications(
      Map<OrderVersion, Set<JsonNode>> published, IsolatedStack stack, Findings findings)
      throws Exception {
    Map<OrderVersion, Notified> notified = new HashMap<>();
    for (List<Object> row :
        stack.query(
            "SELECT order_id, version, kind, user_id, count(*) OVER (PARTITION BY order_id,"
                + " version) FROM notification.sent_notifications")) {
      notified.put(
          new OrderVersion((Long) row.get(0), ((Long) row.get(1)).intValue()),
          new Notified((String) row.get(2), (Long) row.get(3), (Long) row.get(4)));
    }
    published.forEach(
        (version, events) -> {
          JsonNode event = events.iterator().next();
          Notified expected =
              new Notified(
                  NOTIFIED_AS.get(event.path("type").asText()), event.path("user_id").asLong(), 1);
          Notified found = notified.get(version);
          if (found == null) {
            findings.add("%s (%s) was never notified", version, expected.kind());
          } else if (!found.equals(expected)) {
            findings.add("%s: notified %s, expected %s", version, found, expected);
          }
        });
    notified.keySet().stream()
        .filter(version -> !published.containsKey(version))
        .forEach(version -> findings.add("%s notified but never announced", version));
  }

  /** The status an event moves its order to. */
  private static String statusOf(JsonNode event) {
    return switch (event.path("type").asText()) {
      case "order_reserved" -> "pending";
      case "order_rejected" -> "rejected";
      case "order_deleted" -> "cancelled";
      default -> event.path("status").asText();
    };
  }

  private EventAudit() {}
}
