package io.orderflow.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderflow.model.EventClock;
import io.orderflow.model.OrderChangeCommand;
import io.orderflow.model.OrderDeleted;
import io.orderflow.model.OrderEvent;
import io.orderflow.model.OrderStatus;
import io.orderflow.model.OrderStatusChangeRequested;
import io.orderflow.model.OrderStatusChanged;
import io.orderflow.stack.InfrastructureTestResource;
import io.orderflow.stack.SseClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.hamcrest.Matcher;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live order streams (ADR 030) on the real stack: a stand-in worker decides and changes orders
 * through Kafka, the projection writes the read model and announces it, and the streams follow.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureTestResource.class)
class OrderStreamTest {
  private static final String ORDERS = "/api/v1/orders/";
  private static final long CUSTOMER = 7601;
  private static final long OTHER_CUSTOMER = 7602;
  private static final long ADMIN = 7600;
  private static final Duration WAIT = Duration.ofSeconds(30);
  // the stream is under test, not the 0.5 s decision wait: a change decided after it is fine
  private static final Matcher<Integer> DECIDED_OR_LATER = Matchers.oneOf(200, 202);

  private final Map<String, Object> kafka =
      InfrastructureTestResource.infrastructure().kafkaClientConfig();

  @TestHTTPResource("/")
  URI root;

  private StandInDecider worker;
  private final List<SseClient> clients = new ArrayList<>();

  @BeforeEach
  void startWorker() {
    worker = new StandInDecider(kafka).deciding(CUSTOMER, StandInDecider::reserved);
  }

  @AfterEach
  void stopWorkerAndClients() throws Exception {
    for (SseClient client : clients) {
      client.close();
    }
    worker.close();
  }

  @Test
  void theOwnerSeesEachStatusOnceAndInOrderUntilItIsFinal() {
    long order = pendingOrder();
    SseClient stream = follow(order, CUSTOMER, Map.of());
    awaitEvents(stream, 1);

    moveTo(order, OrderStatus.CONFIRMED);
    moveTo(order, OrderStatus.SHIPPED);
    moveTo(order, OrderStatus.DELIVERED);

    await().atMost(WAIT).until(stream::ended);
    assertThat(stream.events()).extracting(SseClient.Event::id).containsExactly("1", "2", "3", "4");
    assertThat(stream.events()).extracting(SseClient.Event::name).containsOnly("status");
    assertThat(stream.events())
        .extracting(e -> e.data().path("status").asText())
        .containsExactly("pending", "confirmed", "shipped", "delivered");
    SseClient.Event last = stream.events().get(3);
    assertThat(last.data().path("order_id").asLong()).isEqualTo(order);
    assertThat(last.data().path("version").asLong()).isEqualTo(4);
    assertThat(Instant.parse(last.data().path("at").asText())).isNotNull();
    assertThat(last.data().has("reason")).isTrue();
    assertThat(last.data().path("reason").isNull()).isTrue();
    assertThat(last.data().has("user_id")).isFalse();
    assertThat(stream.response().headers().firstValue("X-Accel-Buffering")).hasValue("no");
    assertThat(stream.response().headers().firstValue("Cache-Control")).hasValue("no-cache");
  }

  @Test
  void aClientResumingWithLastEventIdGetsExactlyTheVersionsItMissed() throws IOException {
    long order = pendingOrder();
    SseClient first = follow(order, CUSTOMER, Map.of());
    awaitEvents(first, 1);
    first.close();

    moveTo(order, OrderStatus.CONFIRMED);
    moveTo(order, OrderStatus.SHIPPED);
    SseClient resumed = follow(order, CUSTOMER, Map.of("Last-Event-ID", "1"));
    awaitEvents(resumed, 2);
    moveTo(order, OrderStatus.DELIVERED);

    await().atMost(WAIT).until(resumed::ended);
    assertThat(resumed.events())
        .extracting(e -> e.id() + " " + e.data().path("status").asText())
        .containsExactly("2 confirmed", "3 shipped", "4 delivered");
    SseClient afterTheEnd = follow(order, CUSTOMER, Map.of("Last-Event-ID", "4"));
    await().atMost(WAIT).until(afterTheEnd::ended);
    assertThat(afterTheEnd.events()).isEmpty();
  }

  @Test
  void aDeletedOrderEndsItsStreamWithADeletedEvent() {
    long order = pendingOrder();
    worker.answeringChanges(order, command -> deleted(command));
    SseClient stream = follow(order, CUSTOMER, Map.of());
    awaitEvents(stream, 1);

    given()
        .auth()
        .oauth2(OrderApiClient.token(CUSTOMER, "customer"))
        .delete(ORDERS + order)
        .then()
        .statusCode(DECIDED_OR_LATER);

    await().atMost(WAIT).until(stream::ended);
    assertThat(stream.events())
        .extracting(e -> e.id() + " " + e.name() + " " + e.data().path("status").asText())
        .containsExactly("1 status pending", "2 deleted cancelled");
  }

  @Test
  void anotherCustomersOrderAndAnUnknownOneAre404() throws IOException {
    long order = pendingOrder();

    SseClient other = follow(order, OTHER_CUSTOMER, Map.of());
    assertThat(other.status()).isEqualTo(404);
    assertThat(other.body().path("detail").asText()).isEqualTo("Order not found");
    assertThat(follow(Long.MAX_VALUE / 2, CUSTOMER, Map.of()).status()).isEqualTo(404);
    assertThat(follow(order, CUSTOMER, Map.of("Last-Event-ID", "two")).status()).isEqualTo(400);
  }

  @Test
  void aUserBeyondFiveOpenStreamsIsAnswered429UntilOneCloses() throws IOException {
    long order = pendingOrder();
    List<SseClient> open = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      open.add(follow(order, CUSTOMER, Map.of()));
      awaitEvents(open.get(i), 1);
    }

    SseClient refused = follow(order, CUSTOMER, Map.of());
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.response().headers().firstValue("Retry-After")).hasValue("5");
    assertThat(refused.body().path("detail").asText())
        .isEqualTo("Too many open streams of this user, close one first");
    assertThat(follow(order, ADMIN, Map.of()).status()).as("another user").isEqualTo(200);

    open.get(0).close();
    await().atMost(WAIT).until(() -> follow(order, CUSTOMER, Map.of()).status() == 200);
  }

  @Test
  void theAdminStreamSeesEveryChangeAndHonoursItsStatusFilter() {
    SseClient all = feed("");
    SseClient confirmedOnly = feed("?status=confirmed");
    long order = pendingOrder();
    moveTo(order, OrderStatus.CONFIRMED);
    moveTo(order, OrderStatus.SHIPPED);

    await()
        .atMost(WAIT)
        .until(() -> eventsOf(all, order).size() == 4 && !eventsOf(confirmedOnly, order).isEmpty());
    assertThat(eventsOf(all, order))
        .extracting(e -> e.id() + " " + e.data().path("status").asText())
        .containsExactly(
            order + "-0 received",
            order + "-1 pending",
            order + "-2 confirmed",
            order + "-3 shipped");
    assertThat(eventsOf(confirmedOnly, order))
        .extracting(e -> e.id() + " " + e.data().path("status").asText())
        .containsExactly(order + "-2 confirmed");
    SseClient.Event confirmed = eventsOf(all, order).get(2);
    assertThat(confirmed.data().path("user_id").asLong()).isEqualTo(CUSTOMER);
    assertThat(confirmed.data().path("total_amount").decimalValue()).isEqualByComparingTo("5.00");
    assertThat(
            SseClient.open(root.resolve("/api/v1/admin/orders/stream"), customer(), Map.of())
                .status())
        .isEqualTo(403);
  }

  private SseClient feed(String query) {
    SseClient client =
        track(
            SseClient.open(
                root.resolve("/api/v1/admin/orders/stream" + query),
                OrderApiClient.token(ADMIN, "admin"),
                Map.of()));
    assertThat(client.status()).isEqualTo(200);
    return client;
  }

  private static List<SseClient.Event> eventsOf(SseClient feed, long order) {
    return feed.events().stream().filter(e -> e.data().path("order_id").asLong() == order).toList();
  }

  private SseClient follow(long order, long user, Map<String, String> headers) {
    String role = user == ADMIN ? "admin" : "customer";
    return track(
        SseClient.open(
            root.resolve(ORDERS + order + "/events"), OrderApiClient.token(user, role), headers));
  }

  private SseClient track(SseClient client) {
    clients.add(client);
    return client;
  }

  private static void awaitEvents(SseClient stream, int count) {
    assertThat(stream.status()).isEqualTo(200);
    await().atMost(WAIT).until(() -> stream.events().size() >= count);
  }

  private static String customer() {
    return OrderApiClient.token(CUSTOMER, "customer");
  }

  /** A pending order of the customer, decided by the stand-in worker at version 1. */
  private static long pendingOrder() {
    AtomicReference<Response> placed = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              placed.set(
                  given()
                      .auth()
                      .oauth2(customer())
                      .contentType(ContentType.JSON)
                      .body(OrderBodies.valid())
                      .post(ORDERS));
              return placed.get().statusCode() == 200;
            });
    return placed.get().jsonPath().getLong("order_id");
  }

  /** The admin moves the order on; the stand-in worker applies it as the next version. */
  private void moveTo(long order, OrderStatus status) {
    worker.answeringChanges(order, command -> changed(command, status));
    given()
        .auth()
        .oauth2(OrderApiClient.token(ADMIN, "admin"))
        .contentType(ContentType.JSON)
        .body(Map.of("status", status.wireName()))
        .put(ORDERS + order + "/status")
        .then()
        .statusCode(DECIDED_OR_LATER);
    await().atMost(WAIT).until(() -> statusOf(order).equals(status.wireName()));
  }

  private static String statusOf(long order) {
    return given()
        .auth()
        .oauth2(OrderApiClient.token(ADMIN, "admin"))
        .get(ORDERS + order)
        .then()
        .statusCode(200)
        .extract()
        .path("status");
  }

  private static OrderEvent changed(OrderChangeCommand command, OrderStatus status) {
    OrderStatusChangeRequested request = (OrderStatusChangeRequested) command;
    return new OrderStatusChanged(
        command.orderId(),
        versionAfter(status),
        CUSTOMER,
        EventClock.now(),
        Instant.now(),
        command.commandId(),
        previousOf(status),
        request.status(),
        command.actor());
  }

  private static OrderEvent deleted(OrderChangeCommand command) {
    return new OrderDeleted(
        command.orderId(),
        2,
        CUSTOMER,
        EventClock.now(),
        Instant.now(),
        command.commandId(),
        command.actor());
  }

  private static final Map<OrderStatus, OrderStatus> PREVIOUS =
      Map.of(
          OrderStatus.CONFIRMED, OrderStatus.PENDING,
          OrderStatus.SHIPPED, OrderStatus.CONFIRMED,
          OrderStatus.DELIVERED, OrderStatus.SHIPPED);

  private static OrderStatus previousOf(OrderStatus status) {
    return PREVIOUS.get(status);
  }

  /** The decision (pending) is version 1, then one version per step. */
  private static long versionAfter(OrderStatus status) {
    return status == OrderStatus.PENDING ? 1 : 1 + versionAfter(PREVIOUS.get(status));
  }
}
