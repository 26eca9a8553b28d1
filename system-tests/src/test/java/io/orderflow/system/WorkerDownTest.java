package io.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.stack.ServiceProcess;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With the inventory worker down, an order is still accepted: POST answers 202 + Location after the
 * decision wait, and the order is decided once the worker is back. An order-api stopped (SIGTERM)
 * while such requests wait still answers each of them.
 */
class WorkerDownTest {
  private static final Duration DECISION_WAIT = Duration.ofSeconds(1);
  private static IsolatedStack stack;
  private static ServiceProcess worker;
  private static ServiceProcess api;

  @BeforeAll
  static void startStack() {
    stack = new IsolatedStack();
    worker = stack.start("inventory-worker-down", "inventory-worker", Map.of());
    api =
        stack.start(
            "order-api-worker-down",
            "order-api",
            Map.of("orderflow.api.decision-wait", DECISION_WAIT.toString()));
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void orderPlacedWhileTheWorkerIsDownIsReceivedThenDecidedWhenItReturns() throws Exception {
    long product = stack.product("Patient Widget", "3.00", 10);
    worker.stop();

    long start = System.nanoTime();
    HttpResponse<String> placed = stack.place(api, 21, Map.of(product, 2));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
    // without the wait's bound the request hangs until the client's 30 s timeout ends it
    assertThat(took).isGreaterThanOrEqualTo(DECISION_WAIT).isLessThan(Duration.ofSeconds(25));
    JsonNode body = IsolatedStack.json(placed.body());
    assertThat(body.path("status").asText()).isEqualTo("received");
    long orderId = body.path("order_id").asLong();
    String location = placed.headers().firstValue("Location").orElseThrow();
    assertThat(location).endsWith("/api/v1/orders/" + orderId);
    String path = location.substring(location.indexOf("/api/v1/"));

    HttpResponse<String> received = stack.get(api, 21, path);
    assertThat(received.statusCode()).isEqualTo(200);
    assertThat(IsolatedStack.json(received.body()).path("status").asText()).isEqualTo("received");
    assertThat(stack.count("SELECT count(*) FROM inventory.orders WHERE id = ?", orderId)).isZero();

    worker.start();
    worker.waitUntilReady(IsolatedStack.READY_WITHIN);

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              HttpResponse<String> now = stack.get(api, 21, path);
              assertThat(now.statusCode()).isEqualTo(200);
              assertThat(IsolatedStack.json(now.body()).path("status").asText())
                  .isEqualTo("pending");
            });
    assertThat(
            stack.query("SELECT on_hand, reserved FROM inventory.products WHERE id = ?", product))
        .containsExactly(List.of(10, 2));
    assertThat(stack.query("SELECT status FROM inventory.orders WHERE user_id = ?", 21L))
        .containsExactly(List.of("pending"));
  }

  @Test
  void requestsWaitingForADecisionWhenOrderApiIsStoppedAreAnswered() throws Exception {
    long product = stack.product("Patient Gadget", "2.00", 50);
    ServiceProcess leaving =
        stack.start(
            "order-api-leaving", "order-api", Map.of("orderflow.api.decision-wait", "PT4S"));
    worker.stop();
    List<Long> orderIds = new ArrayList<>();
    try {
      HttpClient client = HttpClient.newHttpClient();
      List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        HttpRequest place =
            HttpRequest.newBuilder(
                    stack.placeRequest(
                        leaving, stack.token(31), OrderBodies.json(Map.of(product, 1))),
                    (name, value) -> true)
                .header("Idempotency-Key", "leaving-" + i)
                .build();
        answers.add(client.sendAsync(place, HttpResponse.BodyHandlers.ofString()));
      }
      // each key is stored before its command is published: then every request waits
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  stack.count("SELECT count(*) FROM sales.idempotency_keys WHERE user_id = ?", 31L)
                      == 10);

      leaving.stop();

      for (CompletableFuture<HttpResponse<String>> answer : answers) {
        HttpResponse<String> placed = answer.get(30, TimeUnit.SECONDS);
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
        JsonNode order = IsolatedStack.json(placed.body());
        assertThat(order.path("status").asText()).isEqualTo("received");
        orderIds.add(order.path("order_id").asLong());
      }
    } finally {
      worker.start();
      worker.waitUntilReady(IsolatedStack.READY_WITHIN);
    }
    // the answers were 202: each order is still decided, once, and the read model learns it
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              assertThat(
                      stack.query(
                          "SELECT id FROM inventory.orders WHERE user_id = ? AND status = 'pending'",
                          31L))
                  .extracting(row -> (Long) row.get(0))
                  .containsExactlyInAnyOrderElementsOf(orderIds);
              assertThat(
                      stack.count(
                          "SELECT count(*) FROM sales.orders WHERE user_id = ? AND status = 'pending'",
                          31L))
                  .isEqualTo(10);
            });
  }
}
