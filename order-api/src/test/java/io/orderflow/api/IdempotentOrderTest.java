package io.orderflow.api;

import static io.orderflow.api.OrderApiClient.ORDERS;
import static io.orderflow.api.OrderApiClient.myOrders;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.agroal.api.AgroalDataSource;
import io.orderflow.api.persistence.IdempotencyKeys;
import io.orderflow.model.MessageJson;
import io.orderflow.model.OrderLine;
import io.orderflow.model.OrderPlaced;
import io.orderflow.model.OrderRejected;
import io.orderflow.model.StockIssue;
import io.orderflow.stack.InfrastructureTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code Idempotency-Key} on POST /orders/ end to end, on real Kafka and PostgreSQL, with a
 * stand-in decider for the worker: whatever happened to the first request, a retry with the same
 * key and body answers the same order, and the same key with another body is refused. Answers the
 * decider gives must come within the wait, so the wait is the production one.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureTestResource.class)
@TestProfile(DecidedInTheWait.class)
class IdempotentOrderTest {

  /** The test infrastructure's broker, as its super user (the test plays the other services). */
  private final Map<String, Object> kafka =
      InfrastructureTestResource.infrastructure().kafkaClientConfig();

  @TestHTTPResource(ORDERS)
  URI orders;

  @Inject AgroalDataSource db;
  @Inject IdempotencyKeys keys;

  private static boolean warm;
  private StandInDecider decider;

  @BeforeEach
  void startDecider() {
    decider = new StandInDecider(kafka);
    awaitDecisionsWithinTheWait();
  }

  /**
   * The read model's consumers join their group after the application started; until every
   * partition of {@code orders.events} is assigned, some decisions miss the wait and the first
   * answer is a 202. Orders are placed until one decided within the wait was seen on each.
   */
  private void awaitDecisionsWithinTheWait() {
    if (warm) {
      return;
    }
    long warmUp = 7100;
    decider.deciding(warmUp, StandInDecider::reserved);
    Set<Integer> live = new HashSet<>();
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () -> {
              var answer =
                  given()
                      .auth()
                      .oauth2(token(warmUp))
                      .contentType(ContentType.JSON)
                      .body(OrderBodies.valid())
                      .post(ORDERS);
              if (answer.statusCode() == 200) {
                live.add(decider.eventPartitionOf(answer.jsonPath().getLong("order_id")));
              }
              return live.size() == decider.eventPartitions();
            });
    warm = true;
  }

  @Test
  void aRetryAfterTheClientGaveUpOnAnAcceptedOrderAnswersThatOrderDecided() {
    long user = 7101;
    HttpClient http = HttpClient.newHttpClient();

    // the client gives up on its request once the order reached the broker, before any answer
    CompletableFuture<HttpResponse<String>> abandoned =
        http.sendAsync(request(user, "drop-1", Duration.ofSeconds(30)), ofString());
    await().atMost(Duration.ofSeconds(30)).until(() -> decider.placedBy(user).size() == 1);
    abandoned.cancel(true);
    long orderId = decider.placedBy(user).get(0).orderId();
    decider.deciding(user, StandInDecider::reserved);

    placeWithKey(user, "drop-1", OrderBodies.valid())
        .statusCode(200)
        .body("order_id", equalTo((int) orderId))
        .body("status", equalTo("pending"));

    assertThat(decider.placedBy(user)).extracting(OrderPlaced::orderId).containsOnly(orderId);
    myOrders(user).statusCode(200).body("", hasSize(1)).body("[0].status", equalTo("pending"));
  }

  @Test
  void aRetryOfAnUndecidedOrderPublishesTheSameOrderAgainAndAnswers202WithItsLocation() {
    long user = 7102;
    var first = placeWithKey(user, "undecided-1", OrderBodies.valid()).statusCode(202).extract();
    var retry = placeWithKey(user, "undecided-1", OrderBodies.valid()).statusCode(202).extract();

    assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
    long orderId = first.jsonPath().getLong("order_id");
    assertThat(retry.jsonPath().getLong("order_id")).isEqualTo(orderId);
    await().atMost(Duration.ofSeconds(30)).until(() -> decider.placedBy(user).size() == 2);
    assertThat(decider.placedBy(user)).extracting(OrderPlaced::orderId).containsOnly(orderId);
    assertThat(decider.placedBy(user).get(1)).isEqualTo(decider.placedBy(user).get(0));
    myOrders(user).statusCode(200).body("", hasSize(1));
    placeWithKey(7103, "undecided-1", OrderBodies.valid()).statusCode(202);
  }

  @Test
  void concurrentRequestsWithOneKeyPlaceOneOrder() {
    long user = 7104;
    HttpClient http = HttpClient.newHttpClient();

    List<HttpResponse<String>> answers =
        IntStream.range(0, 8)
            .mapToObj(
                i -> http.sendAsync(request(user, "race-1", Duration.ofSeconds(30)), ofString()))
            .toList()
            .stream()
            .map(CompletableFuture::join)
            .toList();

    assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(202);
    long orderId = idOf(answers.get(0));
    assertThat(answers).extracting(IdempotentOrderTest::idOf).containsOnly(orderId);
    await().atMost(Duration.ofSeconds(30)).until(() -> decider.placedBy(user).size() >= 1);
    assertThat(decider.placedBy(user)).extracting(OrderPlaced::orderId).containsOnly(orderId);
    myOrders(user).statusCode(200).body("", hasSize(1));
  }

  @Test
  void aFirst200IsAnsweredAgainWithoutPublishingAgain() {
    long user = 7105;
    decider.deciding(user, StandInDecider::reserved);

    var first = placeWithKey(user, "ok-1", OrderBodies.valid()).statusCode(200).extract();
    var retry = placeWithKey(user, "ok-1", OrderBodies.valid()).statusCode(200).extract();

    assertThat(retry.jsonPath().getLong("order_id"))
        .isEqualTo(first.jsonPath().getLong("order_id"));
    assertThat(retry.jsonPath().getString("status")).isEqualTo("pending");
    assertThat(retry.jsonPath().getString("total_amount"))
        .isEqualTo(first.jsonPath().getString("total_amount"));
    assertThat(decider.placedBy(user)).hasSize(1);
  }

  @Test
  void aFirst400ForStockIsAnsweredAgainWithTheSameIssues() {
    long user = 7106;
    decider.deciding(user, IdempotentOrderTest::outOfStock);

    var first = placeWithKey(user, "no-stock-1", OrderBodies.valid()).statusCode(400).extract();
    var retry = placeWithKey(user, "no-stock-1", OrderBodies.valid()).statusCode(400).extract();

    assertThat(retry.body().asString()).isEqualTo(first.body().asString());
    assertThat(retry.jsonPath().getString("detail.stock_issues[0].error"))
        .isEqualTo("Insufficient stock. Available: 1, Requested: 2");
    assertThat(decider.placedBy(user)).hasSize(1);
  }

  @Test
  void theSameKeyWithAnotherBodyIs422AndPlacesNothing() {
    long user = 7107;
    placeWithKey(user, "other-1", OrderBodies.valid()).statusCode(202);

    placeWithKey(user, "other-1", OrderApiClient.orderWith("shipping_city", "Shelbyville"))
        .statusCode(422)
        .body("detail", equalTo("Idempotency-Key was already used with a different request"));

    await().atMost(Duration.ofSeconds(30)).until(() -> decider.placedBy(user).size() == 1);
    myOrders(user)
        .statusCode(200)
        .body("", hasSize(1))
        .body("[0].shipping_city", equalTo("Springfield"));
  }

  @Test
  void anOrderRejectedAsAWholeAnswers400WithTheReasonAndKeepsIt() {
    long user = 7108;
    decider.deciding(user, order -> rejectedBecause(order, "The order could not be processed"));

    placeWithKey(user, "reason-1", OrderBodies.valid())
        .statusCode(400)
        .body("detail.message", equalTo("The order could not be processed"))
        .body("detail.stock_issues", hasSize(0));

    myOrders(user)
        .body("[0].status", equalTo("rejected"))
        .body("[0].rejection_reason", equalTo("The order could not be processed"));
  }

  @Test
  void keysOlderThanTheirLifeArePurgedAndYoungerOnesKept() throws SQLException {
    long user = 7109;
    placeWithKey(user, "old-1", OrderBodies.valid()).statusCode(202);
    placeWithKey(user, "young-1", OrderBodies.valid()).statusCode(202);
    try (Connection c = db.getConnection();
        Statement update = c.createStatement()) {
      update.executeUpdate(
          "UPDATE sales.idempotency_keys SET created_at = now() - interval '25 hours'"
              + " WHERE user_id = 7109 AND key = 'old-1'");
    }

    keys.purgeOlderThan(Duration.ofHours(24));

    assertThat(keys.find(user, "old-1")).isEmpty();
    assertThat(keys.find(user, "young-1")).isPresent();
  }

  private HttpRequest request(long user, String key, Duration timeout) {
    return HttpRequest.newBuilder(orders)
        .header("Authorization", "Bearer " + token(user))
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", key)
        .timeout(timeout)
        .POST(HttpRequest.BodyPublishers.ofByteArray(MessageJson.write(OrderBodies.valid())))
        .build();
  }

  private static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString();
  }

  private static long idOf(HttpResponse<String> answer) {
    return ((Number)
            MessageJson.read(answer.body().getBytes(StandardCharsets.UTF_8), Map.class)
                .get("order_id"))
        .longValue();
  }

  private static String token(long user) {
    return OrderApiClient.token(user, "customer");
  }

  private static ValidatableResponse placeWithKey(long user, String key, Object body) {
    return given()
        .auth()
        .oauth2(token(user))
        .header("Idempotency-Key", key)
        .contentType(ContentType.JSON)
        .body(body)
        .post(ORDERS)
        .then();
  }

  private static OrderRejected outOfStock(OrderPlaced order) {
    OrderLine line = order.lines().get(0);
    return new OrderRejected(
        order.orderId(),
        1,
        order.userId(),
        Instant.now(),
        order.placedAt(),
        order.shippingAddress(),
        order.lines(),
        List.of(StockIssue.insufficient(line.productId(), "Widget", line.quantity(), 1)));
  }

  private static OrderRejected rejectedBecause(OrderPlaced order, String reason) {
    return new OrderRejected(
        order.orderId(),
        1,
        order.userId(),
        Instant.now(),
        order.placedAt(),
        order.shippingAddress(),
        order.lines(),
        List.of(),
        reason);
  }
}
