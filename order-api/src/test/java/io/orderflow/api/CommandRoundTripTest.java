package io.orderflow.api;

import static io.orderflow.api.OrderApiClient.token;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.orderflow.model.OrderChangeCommand;
import io.orderflow.model.OrderChangeRefused;
import io.orderflow.model.OrderStatus;
import io.orderflow.model.OrderStatusChanged;
import io.orderflow.stack.InfrastructureTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Admin changes as command round trips: published, answered by a stand-in worker through
 * orders.events and the read model, or 202 naming what to poll when nobody answers in the wait.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureTestResource.class)
class CommandRoundTripTest {
  private static final String ORDERS = "/api/v1/orders/";
  private static final String PRODUCTS = "/api/v1/products/";
  private static final long CUSTOMER = 7401;
  private static final String NOT_YET = "Change accepted; it is not applied yet";

  /** The test infrastructure's broker, as its super user (the test plays the other services). */
  private final Map<String, Object> kafka =
      InfrastructureTestResource.infrastructure().kafkaClientConfig();

  @Inject AgroalDataSource db;

  private StandInDecider worker;

  @BeforeEach
  void startWorker() {
    worker = new StandInDecider(kafka);
  }

  @AfterEach
  void stopWorker() throws InterruptedException {
    worker.close();
  }

  @Test
  void statusChangeTheWorkerAppliesIsAnsweredWithTheChangedOrder() {
    long order = receivedOrder();
    worker.answeringChanges(order, CommandRoundTripTest::confirmed);

    await().atMost(Duration.ofSeconds(30)).until(() -> changeStatus(order).statusCode() == 200);
    changeStatus(order).then().statusCode(200).body("status", equalTo("confirmed"));
  }

  @Test
  void bulkChangeWaitsForEveryOutcome() {
    long applied = receivedOrder();
    long refused = receivedOrder();
    worker.answeringChanges(applied, CommandRoundTripTest::confirmed);
    worker.answeringChanges(refused, CommandRoundTripTest::refused);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                bulk(applied, refused).jsonPath().getList("http_status").equals(List.of(200, 409)));
    bulk(applied, refused)
        .then()
        .statusCode(200)
        .body("order_id", contains((int) applied, (int) refused))
        .body("status", contains(200, 409))
        .body("detail", contains("Status updated", "Cannot confirm a received order"));
  }

  @Test
  void statusChangeNobodyAnswersIs202NamingTheOrder() {
    long order = receivedOrder();

    changeStatus(order)
        .then()
        .statusCode(202)
        .header("Location", endsWith("/api/v1/orders/" + order))
        .body("detail", equalTo(NOT_YET));
  }

  @Test
  void productChangeNobodyAnswersIs202NamingTheProductWhenThereIsOne() throws SQLException {
    long product = 880_401;
    try (Connection c = db.getConnection();
        Statement insert = c.createStatement()) {
      insert.executeUpdate(
          "INSERT INTO sales.products (product_id, name, price, on_hand, reserved,"
              + " low_stock_threshold, as_of) VALUES ("
              + product
              + ", 'Lamp', 12.00, 5, 0, 10, now()) ON CONFLICT DO NOTHING");
    }

    admin()
        .body(Map.of("quantity", 3))
        .post(PRODUCTS + product + "/restock")
        .then()
        .statusCode(202)
        .header("Location", endsWith("/api/v1/products/" + product))
        .body("detail", equalTo(NOT_YET));
    admin()
        .body(Map.of("name", "Desk", "price", 80, "on_hand", 2))
        .post(PRODUCTS)
        .then()
        .statusCode(202)
        .header("Location", nullValue())
        .body("detail", equalTo(NOT_YET));
  }

  private static OrderStatusChanged confirmed(OrderChangeCommand command) {
    return new OrderStatusChanged(
        command.orderId(),
        1,
        CUSTOMER,
        Instant.now(),
        Instant.now(),
        command.commandId(),
        OrderStatus.RECEIVED,
        OrderStatus.CONFIRMED,
        command.actor());
  }

  private static OrderChangeRefused refused(OrderChangeCommand command) {
    return new OrderChangeRefused(
        command.orderId(),
        0,
        CUSTOMER,
        Instant.now(),
        Instant.now(),
        command.commandId(),
        OrderStatus.RECEIVED,
        OrderChangeRefused.Reason.ILLEGAL_TRANSITION,
        "Cannot confirm a received order");
  }

  /** An order nobody decided: answered 202 after the wait, so the read model holds it. */
  private static long receivedOrder() {
    String location =
        given()
            .auth()
            .oauth2(token(CUSTOMER, "customer"))
            .contentType(ContentType.JSON)
            .body(OrderBodies.valid())
            .post(ORDERS)
            .then()
            .statusCode(202)
            .extract()
            .header("Location");
    return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
  }

  private static Response changeStatus(long order) {
    return admin().body(Map.of("status", "confirmed")).put(ORDERS + order + "/status");
  }

  private static Response bulk(long... orders) {
    return admin()
        .body(Map.of("order_ids", orders, "status", "confirmed"))
        .post(ORDERS + "status/bulk");
  }

  private static io.restassured.specification.RequestSpecification admin() {
    return given().auth().oauth2(token(1, "admin")).contentType(ContentType.JSON);
  }
}
