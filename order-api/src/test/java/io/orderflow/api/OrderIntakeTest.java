package io.orderflow.api;

import static io.orderflow.api.OrderApiClient.ORDERS;
import static io.orderflow.api.OrderApiClient.orderWith;
import static io.orderflow.api.OrderApiClient.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.orderflow.stack.InfrastructureTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * order-api alone on real Kafka, PostgreSQL and Redis, with no worker running: validation, auth,
 * and the 202 answer for an accepted order nobody decided yet.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureTestResource.class)
class OrderIntakeTest {
  @Inject AgroalDataSource db;

  private static ValidatableResponse post(Object body) {
    return given()
        .auth()
        .oauth2(token(7, "customer"))
        .contentType(ContentType.JSON)
        .body(body)
        .post(ORDERS)
        .then();
  }

  @Test
  void undecidedOrderIsAcceptedWith202AndLocation() {
    String location =
        post(OrderBodies.valid())
            .statusCode(202)
            .header("Location", containsString("/api/v1/orders/"))
            .body("status", equalTo("received"))
            .body("user_id", equalTo(7))
            .body("order_items[0].product_id", equalTo(1))
            .body("order_items[0].quantity", equalTo(2))
            .extract()
            .header("Location");

    given()
        .auth()
        .oauth2(token(7, "customer"))
        .get(location)
        .then()
        .statusCode(200)
        .body("status", equalTo("received"))
        .body("status_history[0].status", equalTo("received"))
        .body("status_history[0].by", equalTo("user:7"));
  }

  @Test
  void anOverlongIdempotencyKeyIs400() {
    placeWithKey(5154, "k".repeat(256), OrderBodies.valid())
        .statusCode(400)
        .body("errors.field", hasItem("Idempotency-Key"));
  }

  private static ValidatableResponse placeWithKey(long user, String key, Object body) {
    return given()
        .auth()
        .oauth2(token(user, "customer"))
        .header("Idempotency-Key", key)
        .contentType(ContentType.JSON)
        .body(body)
        .post(ORDERS)
        .then();
  }

  @Test
  void anotherUsersOrderIsNotFound() {
    String location = post(OrderBodies.valid()).statusCode(202).extract().header("Location");

    given()
        .auth()
        .oauth2(token(8, "customer"))
        .get(location)
        .then()
        .statusCode(404)
        .body("detail", equalTo("Order not found"));
    given().auth().oauth2(token(1, "admin")).get(location).then().statusCode(200);
  }

  @Test
  void myOrdersListsOnlyTheCallersNewestFirst() {
    long user = 4242;
    String first = placeAs(user);
    String second = placeAs(user);

    given()
        .auth()
        .oauth2(token(user, "customer"))
        .queryParam("limit", 1)
        .get(ORDERS + "my-orders")
        .then()
        .statusCode(200)
        .body("", hasSize(1))
        .body("[0].order_id", equalTo(idOf(second)));
    given()
        .auth()
        .oauth2(token(user, "customer"))
        .queryParam("skip", 1)
        .get(ORDERS + "my-orders")
        .then()
        .statusCode(200)
        .body("order_id", equalTo(List.of(idOf(first))));
  }

  @Test
  void myOrdersRejectsBadPaging() {
    for (String[] query :
        List.of(
            new String[] {"limit", "0"},
            new String[] {"limit", "101"},
            new String[] {"skip", "-1"})) {
      given()
          .auth()
          .oauth2(token(7, "customer"))
          .queryParam(query[0], query[1])
          .get(ORDERS + "my-orders")
          .then()
          .statusCode(400)
          .body("detail", equalTo("Validation failed"));
    }
    given()
        .auth()
        .oauth2(token(7, "customer"))
        .queryParam("status", "lost")
        .get(ORDERS + "my-orders")
        .then()
        .statusCode(400)
        .body(
            "detail",
            equalTo(
                "status must be one of received, pending, rejected, confirmed, shipped,"
                    + " delivered, cancelled"));
  }

  @Test
  void emptyItemsAreRejected() {
    post(orderWith("order_items", List.of()))
        .statusCode(400)
        .body("detail", equalTo("Validation failed"))
        .body("errors.field", hasItem("order_items"));
  }

  @Test
  void nonPositiveOrHugeQuantityIsRejected() {
    post(orderWith("order_items", List.of(Map.of("product_id", 1, "quantity", 0))))
        .statusCode(400)
        .body("errors.field", hasItem("order_items[0].quantity"));
    post(orderWith("order_items", List.of(Map.of("product_id", 1, "quantity", 10001))))
        .statusCode(400)
        .body("errors.field", hasItem("order_items[0].quantity"));
  }

  @Test
  void duplicateLinesAreMergedButStillBounded() {
    post(orderWith(
            "order_items",
            List.of(
                Map.of("product_id", 1, "quantity", 6000),
                Map.of("product_id", 1, "quantity", 6000))))
        .statusCode(400)
        .body("errors.field", hasItem("order_items"));
    post(orderWith(
            "order_items",
            List.of(
                Map.of("product_id", 3, "quantity", 1), Map.of("product_id", 3, "quantity", 2))))
        .statusCode(202)
        .body("order_items", hasSize(1))
        .body("order_items[0].quantity", equalTo(3));
  }

  @Test
  void anOrderWhoseTotalCannotBeStoredIsRefusedAtIntake() throws SQLException {
    long crown = 880_001;
    try (Connection c = db.getConnection();
        Statement insert = c.createStatement()) {
      insert.executeUpdate(
          "INSERT INTO sales.products (product_id, name, price, on_hand, reserved,"
              + " low_stock_threshold, as_of) VALUES ("
              + crown
              + ", 'Crown', 9999999999.99, 10000, 0, 10, now()) ON CONFLICT DO NOTHING");
    }
    long user = 7201;

    postAs(user, orderWith("order_items", List.of(Map.of("product_id", crown, "quantity", 10_000))))
        .statusCode(400)
        .body("errors[0].field", equalTo("order_items"))
        .body(
            "errors[0].message",
            equalTo(
                "Order total 99999999999900.00 exceeds the largest amount an order may have,"
                    + " 9999999999.99"));
    given()
        .auth()
        .oauth2(token(user, "customer"))
        .get(ORDERS + "my-orders")
        .then()
        .body("", hasSize(0));

    postAs(user, orderWith("order_items", List.of(Map.of("product_id", crown, "quantity", 1))))
        .statusCode(202)
        .body("status", equalTo("received"));
  }

  private static ValidatableResponse postAs(long user, Object body) {
    return given()
        .auth()
        .oauth2(token(user, "customer"))
        .contentType(ContentType.JSON)
        .body(body)
        .post(ORDERS)
        .then();
  }

  @Test
  void missingShippingFieldsAreNamed() {
    Map<String, Object> body = new java.util.HashMap<>(OrderBodies.valid());
    body.remove("shipping_city");
    body.put("shipping_country", " ");

    post(body)
        .statusCode(400)
        .body("errors.field", hasItem("shipping_city"))
        .body("errors.field", hasItem("shipping_country"));
  }

  @Test
  void tooLongAndControlCharacterFieldsAreRejected() {
    post(orderWith("shipping_postal_code", "1".repeat(21)))
        .statusCode(400)
        .body("errors.field", hasItem("shipping_postal_code"));
    post(orderWith("shipping_address_line1", "x".repeat(256)))
        .statusCode(400)
        .body("errors.field", hasItem("shipping_address_line1"));
    post(orderWith("shipping_city", "Spring\u0000field"))
        .statusCode(400)
        .body(
            "errors.message",
            hasItem("must not contain control or invisible formatting characters"));
  }

  @Test
  void malformedJsonIsAClear400() {
    post("{oops").statusCode(400).body("detail", equalTo("Request body is not valid JSON"));
    post(orderWith("order_items", "many"))
        .statusCode(400)
        .body("detail", containsString("order_items"));
  }

  @Test
  void requestsWithoutAValidTokenAre401() {
    given()
        .contentType(ContentType.JSON)
        .body(OrderBodies.valid())
        .post(ORDERS)
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", containsString("Bearer"))
        .body("detail", equalTo("Invalid or expired access token"));
    given()
        .auth()
        .oauth2("not-a-jwt")
        .get(ORDERS + "my-orders")
        .then()
        .statusCode(401)
        .body("detail", equalTo("Invalid or expired access token"));
    given()
        .auth()
        .oauth2(Jwt.subject("7").groups("customer").issuer("someone-else").sign())
        .get(ORDERS + "my-orders")
        .then()
        .statusCode(401);
  }

  @Test
  void unknownRouteIsA404WithDetail() {
    given()
        .auth()
        .oauth2(token(7, "customer"))
        .get(ORDERS + "1/nowhere")
        .then()
        .statusCode(404)
        .body("detail", equalTo("Not Found"))
        .body("errors", nullValue());
  }

  private static String placeAs(long user) {
    return given()
        .auth()
        .oauth2(token(user, "customer"))
        .contentType(ContentType.JSON)
        .body(OrderBodies.valid())
        .post(ORDERS)
        .then()
        .statusCode(202)
        .header("Location", endsWith(""))
        .extract()
        .header("Location");
  }

  private static int idOf(String location) {
    return Integer.parseInt(location.substring(location.lastIndexOf('/') + 1));
  }
}
