package io.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.stack.ServiceProcess;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the inventory worker in the middle of a load through both order-api instances: after
 * its restart every accepted order is decided exactly once and stock is conserved.
 */
class WorkerCrashTest {
  private static final int ORDERS = 300;
  private static final int CLIENTS = 24;
  private static final int KILL_AFTER_ANSWERS = 60;
  private static final long FIRST_USER = 50_000;
  private static IsolatedStack stack;
  private static ServiceProcess worker;
  private static List<ServiceProcess> apis;

  @BeforeAll
  static void startStack() {
    stack = new IsolatedStack();
    // 6 s (the broker's minimum) instead of 45 s: the restarted worker gets the partitions of
    // its killed predecessor once that one's session expired.
    worker =
        stack.start(
            "inventory-worker-crash",
            "inventory-worker",
            Map.of("kafka.session.timeout.ms", "6000"));
    Map<String, String> api = Map.of("orderflow.api.decision-wait", "PT2S");
    apis =
        List.of(
            stack.start("order-api-crash-a", "order-api", api),
            stack.start("order-api-crash-b", "order-api", api));
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  /** One request and its answer; every order has its own user, so rows map back to requests. */
  record Placed(long userId, Map<Long, Integer> lines, int status, String body, String location) {
    boolean accepted() {
      return status == 200 || status == 202 || status == 400;
    }
  }

  @Test
  void everyAcceptedOrderIsDecidedExactlyOnceAcrossAWorkerKill() throws Exception {
    List<Long> products =
        List.of(
            stack.product("Scarce", "2.50", 120),
            stack.product("Rare", "7.00", 60),
            stack.product("Plenty", "1.00", 10_000));
    Map<Long, Integer> onHandBefore = new HashMap<>();
    for (List<Object> row : stack.query("SELECT id, on_hand FROM inventory.products")) {
      onHandBefore.put((Long) row.get(0), (Integer) row.get(1));
    }
    Random random = new Random(42);
    List<Map<Long, Integer>> orders = new ArrayList<>();
    for (int i = 0; i < ORDERS; i++) {
      Map<Long, Integer> lines = new TreeMap<>();
      int count = 1 + random.nextInt(3);
      for (int l = 0; l < count; l++) {
        lines.merge(
            products.get(random.nextInt(products.size())), 1 + random.nextInt(3), Integer::sum);
      }
      orders.add(lines);
    }
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < ORDERS; i++) {
      tokens.add(stack.token(FIRST_USER + i));
    }

    CountDownLatch answered = new CountDownLatch(KILL_AFTER_ANSWERS);
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    List<CompletableFuture<Placed>> futures = new ArrayList<>();
    long doneAtKill;
    try {
      for (int i = 0; i < ORDERS; i++) {
        int n = i;
        futures.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    HttpRequest request =
                        stack.placeRequest(
                            apis.get(n % 2), tokens.get(n), OrderBodies.json(orders.get(n)));
                    HttpResponse<String> response = stack.send(request);
                    return new Placed(
                        FIRST_USER + n,
                        orders.get(n),
                        response.statusCode(),
                        response.body(),
                        response.headers().firstValue("Location").orElse(null));
                  } catch (RuntimeException e) {
                    return new Placed(FIRST_USER + n, orders.get(n), -1, e.toString(), null);
                  } finally {
                    answered.countDown();
                  }
                },
                clients));
      }

      assertThat(answered.await(120, TimeUnit.SECONDS)).isTrue();
      doneAtKill = futures.stream().filter(CompletableFuture::isDone).count();
      worker.kill();
      assertThat(doneAtKill).as("answers before the kill").isLessThan(ORDERS);
      worker.start();
      worker.waitUntilReady(IsolatedStack.READY_WITHIN);

      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(180, TimeUnit.SECONDS);
    } finally {
      clients.shutdownNow();
    }
    List<Placed> placed = futures.stream().map(CompletableFuture::join).toList();
    Map<Integer, Long> byStatus =
        IsolatedStack.histogram(placed.stream().map(Placed::status).toList());
    System.out.printf(
        "WorkerCrashTest: %d answers before the kill, answers by status %s%n",
        doneAtKill, byStatus);
    List<Long> acceptedUsers =
        placed.stream().filter(Placed::accepted).map(Placed::userId).toList();

    // Eventually every accepted order is decided, in the worker's table and in the read model.
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () ->
                assertThat(
                        stack.count(
                            "SELECT count(*) FROM sales.orders WHERE user_id BETWEEN ? AND ?"
                                + " AND status IN ('pending', 'rejected')",
                            FIRST_USER,
                            FIRST_USER + ORDERS))
                    .as("decided in the read model, answers %s", byStatus)
                    .isEqualTo(acceptedUsers.size()));

    assertThat(byStatus.keySet())
        .as("answers %s (a killed worker must not fail a request)", byStatus)
        .isSubsetOf(200, 202, 400);
    assertThat(byStatus).as("the kill left orders undecided during the wait").containsKey(202);

    // One decision per accepted request, none for the others; answers agree with decisions.
    Map<Long, List<List<Object>>> decidedByUser =
        stack
            .query(
                "SELECT user_id, id, status, version FROM inventory.orders"
                    + " WHERE user_id BETWEEN ? AND ?",
                FIRST_USER,
                FIRST_USER + ORDERS)
            .stream()
            .collect(Collectors.groupingBy(row -> (Long) row.get(0)));
    Map<Long, List<List<Object>>> projectedByUser =
        stack
            .query(
                "SELECT user_id, order_id, status, version FROM sales.orders"
                    + " WHERE user_id BETWEEN ? AND ?",
                FIRST_USER,
                FIRST_USER + ORDERS)
            .stream()
            .collect(Collectors.groupingBy(row -> (Long) row.get(0)));
    Map<Long, String> statusByOrder = new HashMap<>();
    for (Placed p : placed) {
      List<List<Object>> decided = decidedByUser.getOrDefault(p.userId(), List.of());
      List<List<Object>> projected = projectedByUser.getOrDefault(p.userId(), List.of());
      if (!p.accepted()) {
        assertThat(decided).as("decisions for refused request %s", p).isEmpty();
        continue;
      }
      assertThat(decided).as("decisions for %s", p).hasSize(1);
      long orderId = (Long) decided.get(0).get(1);
      String status = (String) decided.get(0).get(2);
      statusByOrder.put(orderId, status);
      assertThat(status).as("%s", p).isIn("pending", "rejected");
      assertThat(projected)
          .as("read model for %s", p)
          .containsExactly(List.of(p.userId(), orderId, status, decided.get(0).get(3)));
      if (p.status() == 200) {
        JsonNode body = IsolatedStack.json(p.body());
        assertThat(body.path("order_id").asLong()).as("%s", p).isEqualTo(orderId);
        assertThat(status).as("%s", p).isEqualTo("pending");
      } else if (p.status() == 202) {
        assertThat(p.location()).as("%s", p).endsWith("/api/v1/orders/" + orderId);
      } else {
        assertThat(status).as("%s", p).isEqualTo("rejected");
      }
    }

    // Stock: on hand untouched, reserved = what the pending orders hold, never above on hand.
    Map<Long, Long> heldByPending = new HashMap<>();
    for (List<Object> row :
        stack.query(
            "SELECT i.product_id, sum(i.quantity) FROM inventory.order_items i"
                + " JOIN inventory.orders o ON o.id = i.order_id WHERE o.status = 'pending'"
                + " GROUP BY i.product_id")) {
      heldByPending.put((Long) row.get(0), ((Number) row.get(1)).longValue());
    }
    for (List<Object> row : stack.query("SELECT id, on_hand, reserved FROM inventory.products")) {
      long id = (Long) row.get(0);
      int onHand = (Integer) row.get(1);
      int reserved = (Integer) row.get(2);
      assertThat(onHand).as("on hand of %d", id).isEqualTo(onHandBefore.get(id));
      assertThat(reserved).as("reserved of %d", id).isBetween(0, onHand);
      assertThat((long) reserved)
          .as("reserved of %d", id)
          .isEqualTo(heldByPending.getOrDefault(id, 0L));
    }
    assertThat(stack.query("SELECT reserved FROM inventory.products WHERE id = ?", products.get(0)))
        .as("the scarce product sold out, so some orders were rejected")
        .containsExactly(List.of(120));

    // Audit: exactly one reservation movement per (pending order, product), matching its item.
    List<List<Object>> unmatched =
        stack.query(
            "SELECT coalesce(m.order_id, i.order_id), coalesce(m.product_id, i.product_id),"
                + " m.n, m.delta, i.quantity FROM"
                + " (SELECT order_id, product_id, count(*) AS n, sum(reserved_delta) AS delta"
                + "  FROM inventory.stock_movements WHERE reason = 'order_reserved'"
                + "  GROUP BY order_id, product_id) m"
                + " FULL JOIN (SELECT i.order_id, i.product_id, i.quantity"
                + "  FROM inventory.order_items i JOIN inventory.orders o ON o.id = i.order_id"
                + "  WHERE o.status = 'pending') i"
                + " ON m.order_id = i.order_id AND m.product_id = i.product_id"
                + " WHERE m.n IS DISTINCT FROM 1 OR m.delta IS DISTINCT FROM i.quantity");
    assertThat(unmatched).as("(order, product, movements, delta, quantity)").isEmpty();
    assertThat(
            stack.count(
                "SELECT count(*) FROM inventory.stock_movements WHERE reason = 'order_reserved'"))
        .isEqualTo(
            stack.count(
                "SELECT count(*) FROM inventory.order_items i JOIN inventory.orders o"
                    + " ON o.id = i.order_id WHERE o.status = 'pending'"));

    // Downstream consumers see one decision per order: redeliveries repeat it, never change it.
    Map<String, Set<String>> eventTypes = new LinkedHashMap<>();
    for (ConsumerRecord<String, JsonNode> event : stack.readAll("orders.events")) {
      eventTypes
          .computeIfAbsent(event.key(), k -> new HashSet<>())
          .add(event.value().path("type").asText());
    }
    for (Map.Entry<Long, String> order : statusByOrder.entrySet()) {
      String expected = order.getValue().equals("pending") ? "order_reserved" : "order_rejected";
      assertThat(eventTypes.get(String.valueOf(order.getKey())))
          .as("event types of order %d", order.getKey())
          .containsExactly(expected);
    }
  }
}
