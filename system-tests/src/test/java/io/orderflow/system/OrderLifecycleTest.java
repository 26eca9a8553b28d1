package io.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.orderflow.stack.ServiceProcess;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Admin status changes, cancellation, deletion and the admin list, through the whole stack. */
class OrderLifecycleTest {
  private static PipelineStack stack;

  @BeforeAll
  static void startStack() throws Exception {
    stack = PipelineStack.get();
  }

  private ValidatableResponse move(ServiceProcess api, long orderId, String status) {
    return stack
        .as(api, 1, "admin")
        .body(Map.of("status", status))
        .put("/api/v1/orders/" + orderId + "/status")
        .then();
  }

  @Test
  void ordersMoveThroughTheirLifecycleAndShippingTakesStock() throws Exception {
    long product = stack.product("Lifecycle", "10.00", 20);
    long order = stack.placeDecided(stack.apiA, 21, product, 5);

    move(stack.apiA, order, "confirmed").statusCode(200).body("status", equalTo("confirmed"));
    move(stack.apiB, order, "shipped").statusCode(200).body("status", equalTo("shipped"));
    assertThat(stack.stock(product)).containsExactly(15, 0);
    move(stack.apiA, order, "delivered")
        .statusCode(200)
        .body("status", equalTo("delivered"))
        .body(
            "status_history.status",
            equalTo(List.of("received", "pending", "confirmed", "shipped", "delivered")))
        .body("status_history[2].by", equalTo("user:1"));
    assertThat(stack.stock(product)).containsExactly(15, 0);
  }

  @Test
  void illegalMovesAre409NamingBothStatesAndChangeNothing() throws Exception {
    long product = stack.product("Strict", "10.00", 20);
    long order = stack.placeDecided(stack.apiA, 22, product, 1);

    move(stack.apiA, order, "shipped")
        .statusCode(409)
        .body("detail", equalTo("Cannot change status from pending to shipped"));
    move(stack.apiA, order, "received").statusCode(409);
    move(stack.apiA, order, "lost").statusCode(400).body("detail", equalTo("Unknown status: lost"));
    move(stack.apiA, 987_654_321L, "confirmed").statusCode(404);
    stack
        .as(stack.apiA, 22, "customer")
        .get("/api/v1/orders/" + order)
        .then()
        .body("status", equalTo("pending"));
  }

  @Test
  void concurrentCancellationsReleaseStockExactlyOnce() throws Exception {
    long product = stack.product("Contested", "10.00", 10);
    long order = stack.placeDecided(stack.apiA, 23, product, 4);
    assertThat(stack.stock(product)).containsExactly(10, 4);

    List<Integer> answers =
        List.of(stack.apiA, stack.apiB).stream()
            .map(
                api ->
                    CompletableFuture.supplyAsync(
                        () -> move(api, order, "cancelled").extract().statusCode()))
            .toList()
            .stream()
            .map(CompletableFuture::join)
            .toList();

    assertThat(answers).containsExactlyInAnyOrder(200, 409);
    assertThat(stack.stock(product)).containsExactly(10, 0);
  }

  @Test
  void ownerDeletesOnlyPendingOrdersAndStockComesBack() throws Exception {
    long product = stack.product("Deletable", "10.00", 10);
    long pending = stack.placeDecided(stack.apiA, 24, product, 3);
    long confirmed = stack.placeDecided(stack.apiA, 24, product, 2);
    move(stack.apiA, confirmed, "confirmed").statusCode(200);

    stack.as(stack.apiB, 25, "customer").delete("/api/v1/orders/" + pending).then().statusCode(404);
    stack
        .as(stack.apiB, 24, "customer")
        .delete("/api/v1/orders/" + confirmed)
        .then()
        .statusCode(409)
        .body("detail", equalTo("Only pending orders can be deleted"));
    stack.as(stack.apiB, 24, "customer").delete("/api/v1/orders/" + pending).then().statusCode(200);

    stack.as(stack.apiA, 24, "customer").get("/api/v1/orders/" + pending).then().statusCode(404);
    stack
        .as(stack.apiA, 24, "customer")
        .get("/api/v1/orders/my-orders")
        .then()
        .body("order_id", equalTo(List.of((int) confirmed)));
    assertThat(stack.stock(product)).containsExactly(10, 2);
  }

  @Test
  void aRetryOfADeletedOrdersKeyIsGoneNotAcceptedAgain() throws Exception {
    long product = stack.product("Deleted then retried", "10.00", 10);
    Map<String, Object> body = OrderBodies.order(List.of(OrderBodies.line(product, 1)));
    RequestSpecification keyed =
        stack
            .as(stack.apiA, 26, "customer")
            .header("Idempotency-Key", "deleted-then-retried")
            .body(body);
    long orderId = PipelineStack.placed(keyed);
    stack.as(stack.apiA, 26, "customer").delete("/api/v1/orders/" + orderId).then().statusCode(200);

    keyed
        .baseUri(stack.apiB.baseUrl())
        .post("/api/v1/orders/")
        .then()
        .statusCode(410)
        .body(
            "detail",
            equalTo("Order " + orderId + " placed with this Idempotency-Key was deleted"));
    assertThat(stack.stock(product)).containsExactly(10, 0);
  }

  @Test
  void bulkChangeAnswersPerOrder() throws Exception {
    long product = stack.product("Bulk", "1.00", 10);
    long first = stack.placeDecided(stack.apiA, 26, product, 1);
    long second = stack.placeDecided(stack.apiA, 26, product, 1);
    move(stack.apiA, second, "confirmed").statusCode(200);

    stack
        .as(stack.apiB, 1, "admin")
        .body(Map.of("order_ids", List.of(first, second, 987_654_322L), "status", "confirmed"))
        .post("/api/v1/orders/status/bulk")
        .then()
        .statusCode(200)
        .body("order_id", equalTo(List.of((int) first, (int) second, 987_654_322)))
        .body("http_status", equalTo(List.of(200, 409, 404)))
        // the old name, kept for one release
        .body("status", equalTo(List.of(200, 409, 404)));
  }

  @Test
  void adminListFiltersAndCounts() throws Exception {
    long product = stack.product("Filtered", "10.00", 100);
    long user = 27;
    long small = stack.placeDecided(stack.apiA, user, product, 1); // 10.00
    long large = stack.placeDecided(stack.apiA, user, product, 5); // 50.00
    move(stack.apiA, large, "confirmed").statusCode(200);

    RequestSpecification admin = stack.as(stack.apiA, 1, "admin").queryParam("user_id", user);
    admin
        .get("/api/v1/orders/")
        .then()
        .statusCode(200)
        .header("X-Total-Count", "2")
        .body("order_id", equalTo(List.of((int) large, (int) small)));
    stack
        .as(stack.apiA, 1, "admin")
        .queryParams(Map.of("user_id", user, "status", "confirmed"))
        .get("/api/v1/orders/")
        .then()
        .body("order_id", equalTo(List.of((int) large)));
    stack
        .as(stack.apiA, 1, "admin")
        .queryParams(Map.of("user_id", user, "min_amount", "20", "max_amount", "60"))
        .get("/api/v1/orders/")
        .then()
        .body("order_id", equalTo(List.of((int) large)));
    stack
        .as(stack.apiA, 1, "admin")
        .queryParams(Map.of("user_id", user, "max_amount", "10.00", "status", "pending"))
        .get("/api/v1/orders/")
        .then()
        .body("order_id", equalTo(List.of((int) small)));
    stack
        .as(stack.apiA, 1, "admin")
        .queryParams(Map.of("user_id", user, "start_date", "2999-01-01"))
        .get("/api/v1/orders/")
        .then()
        .header("X-Total-Count", "0")
        .body("", hasSize(0));
    stack
        .as(stack.apiA, 1, "admin")
        .queryParams(Map.of("user_id", user, "limit", 1, "skip", 1))
        .get("/api/v1/orders/")
        .then()
        .header("X-Total-Count", "2")
        .body("order_id", equalTo(List.of((int) small)));
    stack
        .as(stack.apiA, 1, "admin")
        .queryParam("start_date", "yesterday")
        .get("/api/v1/orders/")
        .then()
        .statusCode(400)
        .body(
            "detail",
            equalTo(
                "start_date must be a day (2026-01-31) or an instant (2026-01-31T12:00:00Z)"
                    + " in years 1-9999"));
  }

  @Test
  void statisticsDescribeThatOrder() throws Exception {
    long cheap = stack.product("Cheap", "2.50", 100);
    long dear = stack.product("Dear", "7.50", 100);
    long order =
        PipelineStack.placed(
            stack
                .as(stack.apiA, 28, "customer")
                .body(
                    OrderBodies.order(
                        List.of(OrderBodies.line(cheap, 4), OrderBodies.line(dear, 2)))));

    stack
        .as(stack.apiB, 28, "customer")
        .get("/api/v1/orders/" + order + "/statistics")
        .then()
        .statusCode(200)
        .body("order_id", equalTo((int) order))
        .body("item_count", equalTo(2))
        .body("total_quantity", equalTo(6))
        .body("distinct_products", equalTo(2))
        .body("total_amount", equalTo(25.0f))
        .body("average_unit_price", equalTo(5.0f))
        .body("seconds_in_status.keySet()", containsInAnyOrder("received", "pending"));
    stack
        .as(stack.apiB, 29, "customer")
        .get("/api/v1/orders/" + order + "/statistics")
        .then()
        .statusCode(404);
  }

  @Test
  void analyticsCountOrdersAndRevenuePerDayAndRankProducts() throws Exception {
    long product = stack.product("Bestseller", "2.00", 1000);
    long first = stack.placeDecided(stack.apiA, 31, product, 100);
    stack.placeDecided(stack.apiA, 31, product, 50);
    move(stack.apiA, first, "cancelled").statusCode(200);

    io.restassured.path.json.JsonPath analytics =
        stack
            .as(stack.apiB, 1, "admin")
            .queryParam("top", 100)
            .get("/api/v1/orders/analytics")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    String mine = "top_products.find { it.product_id == " + product + " }";
    assertThat(analytics.getInt(mine + ".quantity")).isEqualTo(50);
    assertThat(analytics.getInt(mine + ".orders")).isEqualTo(1);
    assertThat(analytics.getDouble(mine + ".revenue")).isEqualTo(100.0);
    assertThat(analytics.getList("per_day.findAll { it.status == 'cancelled' }")).isNotEmpty();
    assertThat(analytics.getDouble("per_day.find { it.status == 'cancelled' }.revenue"))
        .isEqualTo(0.0);
  }

  @Test
  void customersGet403OnEveryAdminEndpoint() {
    RequestSpecification customer = stack.as(stack.apiA, 30, "customer");
    customer.get("/api/v1/orders/").then().statusCode(403);
    stack
        .as(stack.apiA, 30, "customer")
        .body(Map.of("status", "confirmed"))
        .put("/api/v1/orders/1/status")
        .then()
        .statusCode(403)
        .body("detail", equalTo("Admin privileges required"));
    stack
        .as(stack.apiA, 30, "customer")
        .body(Map.of("order_ids", List.of(1), "status", "confirmed"))
        .post("/api/v1/orders/status/bulk")
        .then()
        .statusCode(403);
    stack.as(stack.apiA, 30, "customer").get("/api/v1/orders/analytics").then().statusCode(403);
  }
}
