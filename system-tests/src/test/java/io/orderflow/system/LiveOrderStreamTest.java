package io.orderflow.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderflow.stack.ServiceProcess;
import io.orderflow.stack.SseClient;
import io.restassured.http.ContentType;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The live order streams across two order-api instances (ADR 030): a stream opened on one sees
 * every change made through the other, whichever instance projected it, and resumes on the other.
 */
class LiveOrderStreamTest {
  private static final long CUSTOMER = 41;
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static PipelineStack stack;

  @BeforeAll
  static void startStack() {
    stack = PipelineStack.get();
  }

  @Test
  void aStreamOnOneInstanceSeesEveryChangeMadeThroughTheOtherOnceAndInOrder() throws Exception {
    long product = stack.product("Streamed", "10.00", 20);
    try (SseClient feedOnA =
        open(stack.apiA, "/api/v1/admin/orders/stream", 1, "admin", Map.of())) {
      long order = stack.placeDecided(stack.apiB, CUSTOMER, product, 2);
      try (SseClient onA = open(stack.apiA, eventsOf(order), CUSTOMER, "customer", Map.of())) {
        await().atMost(WAIT).until(() -> onA.events().size() == 1);
        move(order, "confirmed");
        move(order, "shipped");
        try (SseClient resumedOnB =
            open(stack.apiB, eventsOf(order), CUSTOMER, "customer", Map.of("Last-Event-ID", "2"))) {
          move(order, "delivered");

          await().atMost(WAIT).until(() -> onA.ended() && resumedOnB.ended());
          assertThat(statuses(onA))
              .containsExactly("1 pending", "2 confirmed", "3 shipped", "4 delivered");
          assertThat(statuses(resumedOnB)).containsExactly("3 shipped", "4 delivered");
          await()
              .atMost(WAIT)
              .until(() -> feedOnA.events().stream().filter(e -> ofOrder(e, order)).count() == 5);
          assertThat(feedOnA.events().stream().filter(e -> ofOrder(e, order)).map(e -> e.id()))
              .containsExactly(
                  order + "-0", order + "-1", order + "-2", order + "-3", order + "-4");
        }
      }
    }
  }

  @Test
  void aShutdownEndsTheOpenStreamsAtOnceInsteadOfWaitingForThem() throws Exception {
    ServiceProcess leaving =
        stack.add(
            "order-api-streaming",
            "order-api",
            Map.of(
                // a fresh instance joins the projection's group: let the first order wait for it
                "orderflow.api.decision-wait", "PT30S",
                "quarkus.shutdown.timeout", "PT90S"));
    long order = stack.placeDecided(leaving, CUSTOMER, stack.product("Leaving", "10.00", 5), 2);
    try (SseClient stream = open(leaving, eventsOf(order), CUSTOMER, "customer", Map.of())) {
      await().atMost(WAIT).until(() -> stream.events().size() == 1);

      // SIGTERM alone: a stop would SIGKILL after its grace and end the stream that way too
      ProcessHandle.of(leaving.pid().orElseThrow()).orElseThrow().destroy();

      // without the early end the stream stays open for the whole 90 s shutdown time-out
      await().atMost(Duration.ofSeconds(45)).until(stream::ended);
      leaving.stop();
    }
  }

  private static boolean ofOrder(SseClient.Event event, long order) {
    return event.data().path("order_id").asLong() == order;
  }

  private static List<String> statuses(SseClient stream) {
    return stream.events().stream()
        .map(e -> e.id() + " " + e.data().path("status").asText())
        .toList();
  }

  private static String eventsOf(long order) {
    return "/api/v1/orders/" + order + "/events";
  }

  private static SseClient open(
      ServiceProcess api, String path, long user, String role, Map<String, String> headers) {
    SseClient client =
        SseClient.open(URI.create(api.baseUrl() + path), stack.token(user, role), headers);
    assertThat(client.status()).isEqualTo(200);
    return client;
  }

  private static void move(long order, String status) {
    given()
        .baseUri(stack.apiB.baseUrl())
        .auth()
        .oauth2(stack.token(1, "admin"))
        .contentType(ContentType.JSON)
        .body(Map.of("status", status))
        .put("/api/v1/orders/" + order + "/status")
        .then()
        .statusCode(200);
  }
}
