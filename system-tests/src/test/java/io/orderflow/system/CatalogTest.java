package io.orderflow.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Products and stock through the API: commands to the worker, the catalog from inventory.events.
 */
class CatalogTest {
  private static PipelineStack stack;

  @BeforeAll
  static void startStack() throws Exception {
    stack = PipelineStack.get();
  }

  private RequestSpecification as(String role) {
    return given()
        .baseUri(stack.apiB.baseUrl())
        .auth()
        .oauth2(stack.token("admin".equals(role) ? 1 : 40, role))
        .contentType(ContentType.JSON);
  }

  private int create(String name, int onHand) {
    return as("admin")
        .body(Map.of("name", name, "price", "3.25", "on_hand", onHand, "low_stock_threshold", 5))
        .post("/api/v1/products/")
        .then()
        .statusCode(201)
        .header("Location", containsString("/api/v1/products/"))
        .body("name", equalTo(name))
        .body("on_hand", equalTo(onHand))
        .extract()
        .jsonPath()
        .getInt("product_id");
  }

  @Test
  void adminsCreateUpdateAndRestockProductsThatOrdersThenUse() {
    int product = create("Catalog lamp", 4);

    as("admin")
        .body(Map.of("price", "4.75", "name", "Catalog desk lamp"))
        .put("/api/v1/products/" + product)
        .then()
        .statusCode(200)
        .body("price", equalTo(4.75f))
        .body("name", equalTo("Catalog desk lamp"))
        .body("on_hand", equalTo(4));
    as("admin")
        .body(Map.of("quantity", 6))
        .post("/api/v1/products/" + product + "/restock")
        .then()
        .statusCode(200)
        .body("on_hand", equalTo(10))
        .body("available", equalTo(10));

    given()
        .baseUri(stack.apiA.baseUrl())
        .auth()
        .oauth2(stack.token(41, "customer"))
        .contentType(ContentType.JSON)
        .body(OrderBodies.order(List.of(OrderBodies.line(product, 3))))
        .post("/api/v1/orders/")
        .then()
        .statusCode(200)
        .body("order_items[0].unit_price", equalTo(4.75f));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                as("customer").get("/api/v1/products/" + product).jsonPath().getInt("reserved")
                    == 3);
    as("customer")
        .get("/api/v1/products/" + product)
        .then()
        .body("available", equalTo(7))
        .body("stock_level", equalTo("low"));
  }

  @Test
  void stockCheckReportsEachLevelAtItsBoundaryAndTheWorkersLag() {
    Map<Integer, String> expected = new HashMap<>();
    int[] stocks = {0, 5, 6, 10, 11, 50, 51};
    String[] levels = {"out", "critical", "low", "low", "medium", "medium", "ok"};
    for (int i = 0; i < stocks.length; i++) {
      expected.put(create("Level " + stocks[i], stocks[i]), levels[i]);
    }

    JsonPath check =
        as("admin")
            .get("/api/v1/orders/health/stock-check")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    expected.forEach(
        (id, level) ->
            org.assertj.core.api.Assertions.assertThat(
                    check.getString("products.find { it.product_id == " + id + " }.stock_level"))
                .isEqualTo(level));
    org.assertj.core.api.Assertions.assertThat(check.getInt("totals.products"))
        .isGreaterThanOrEqualTo(stocks.length);
    org.assertj.core.api.Assertions.assertThat(check.getString("pipeline.worker_group"))
        .isEqualTo("inventory-worker");
    Map<String, Number> lag = check.getMap("pipeline.lag");
    org.assertj.core.api.Assertions.assertThat(lag)
        .containsKeys("orders.commands", "inventory.commands");
    org.assertj.core.api.Assertions.assertThat(check.getLong("pipeline.total_lag"))
        .as("the sum of %s", lag)
        .isEqualTo(lag.values().stream().mapToLong(Number::longValue).sum());
  }

  @Test
  void badProductRequestsAre400AndCustomersCannotWrite() {
    as("admin")
        .body(Map.of("name", "", "price", "-1", "on_hand", -5))
        .post("/api/v1/products/")
        .then()
        .statusCode(400)
        .body("detail", equalTo("Validation failed"));
    as("admin")
        .body(Map.of("quantity", 0))
        .post("/api/v1/products/1/restock")
        .then()
        .statusCode(400);
    as("admin")
        .body(Map.of("quantity", 1))
        .post("/api/v1/products/987654321/restock")
        .then()
        .statusCode(404)
        .body("detail", equalTo("Product not found"));
    as("customer")
        .body(Map.of("name", "x", "price", "1", "on_hand", 1))
        .post("/api/v1/products/")
        .then()
        .statusCode(403);
    as("customer")
        .body(Map.of("quantity", 1))
        .post("/api/v1/products/1/restock")
        .then()
        .statusCode(403);
    as("customer").get("/api/v1/orders/health/stock-check").then().statusCode(403);
  }
}
