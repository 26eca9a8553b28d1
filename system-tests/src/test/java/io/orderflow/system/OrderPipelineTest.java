package io.orderflow.system;

import static io.orderflow.system.OrderBodies.line;
import static io.orderflow.system.OrderBodies.order;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.orderflow.stack.ServiceProcess;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The REST contract of placing orders, end to end through Kafka, the worker and the read model. */
class OrderPipelineTest {
  private static PipelineStack stack;

  @BeforeAll
  static void startStack() throws Exception {
    stack = PipelineStack.get();
  }

  private ValidatableResponse place(ServiceProcess api, long user, Map<String, Object> body) {
    return given()
        .baseUri(api.baseUrl())
        .auth()
        .oauth2(stack.token(user, "customer"))
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/orders/")
        .then();
  }

  @Test
  void placedOrderIsPendingWithCatalogPricesAndReservesStock() throws Exception {
    long widget = stack.product("Premium Widget", "19.99", 10);
    long gadget = stack.product("Gadget", "5.50", 5);

    place(stack.apiA, 11, order(List.of(line(widget, 2), line(gadget, 3))))
        .statusCode(200)
        .body("status", equalTo("pending"))
        .body("user_id", equalTo(11))
        .body("total_amount", equalTo(56.48f))
        .body("order_items", hasSize(2))
        .body("order_items[0].product_name", equalTo("Premium Widget"))
        .body("order_items[0].unit_price", equalTo(19.99f))
        .body("order_items[0].subtotal", equalTo(39.98f))
        .body("order_items[1].subtotal", equalTo(16.5f))
        .body("status_history.status", equalTo(List.of("received", "pending")));

    assertThat(stack.stock(widget)).containsExactly(10, 2);
    assertThat(stack.stock(gadget)).containsExactly(5, 3);
  }

  @Test
  void insufficientStockAnswers400ListingOnlyFailingLines() throws Exception {
    long scarce = stack.product("Premium Widget", "19.99", 2);
    long plenty = stack.product("Plenty", "1.00", 100);

    place(stack.apiA, 12, order(List.of(line(plenty, 1), line(scarce, 5))))
        .statusCode(400)
        .body("detail.message", equalTo("Some products have insufficient stock"))
        .body("detail.stock_issues", hasSize(1))
        .body("detail.stock_issues[0].product_id", equalTo((int) scarce))
        .body("detail.stock_issues[0].product_name", equalTo("Premium Widget"))
        .body("detail.stock_issues[0].requested", equalTo(5))
        .body("detail.stock_issues[0].available", equalTo(2))
        .body("detail.stock_issues[0].sufficient", equalTo(false))
        .body(
            "detail.stock_issues[0].error",
            equalTo("Insufficient stock. Available: 2, Requested: 5"));

    assertThat(stack.stock(plenty)).containsExactly(100, 0);
    assertThat(stack.stock(scarce)).containsExactly(2, 0);
  }

  @Test
  void orderBeyondTheCustomersUnitCapAnswers400NamingTheCapAndReservesNothing() throws Exception {
    long plenty = stack.product("Plenty", "1.00", 5_000);

    place(stack.apiB, 17, order(List.of(line(plenty, 1_001))))
        .statusCode(400)
        .body(
            "detail.message",
            equalTo(
                "Too many units reserved: at most 1000 per customer in pending orders,"
                    + " 0 already reserved, this order adds 1001"))
        .body("detail.stock_issues", hasSize(0));

    assertThat(stack.stock(plenty)).containsExactly(5_000, 0);
  }

  @Test
  void unknownProductIsAStockIssue() {
    place(stack.apiB, 13, order(List.of(line(999_999, 1))))
        .statusCode(400)
        .body("detail.stock_issues[0].product_id", equalTo(999_999))
        .body("detail.stock_issues[0].available", equalTo(0))
        .body("detail.stock_issues[0].error", equalTo("Product not found"));
  }

  @Test
  void twoHundredConcurrentOrdersForFiftyUnitsSellExactlyFifty() throws Exception {
    long scarce = stack.product("Limited Edition", "9.99", 50);
    HttpClient http = HttpClient.newHttpClient();
    String body =
        "{\"shipping_address_line1\":\"1 Main St\",\"shipping_city\":\"Springfield\","
            + "\"shipping_state\":\"IL\",\"shipping_postal_code\":\"62701\","
            + "\"shipping_country\":\"US\",\"order_items\":[{\"product_id\":"
            + scarce
            + ",\"quantity\":1}]}";

    List<CompletableFuture<Integer>> answers =
        IntStream.range(0, 200)
            .mapToObj(
                i -> {
                  ServiceProcess api = stack.apis().get(i % 2);
                  HttpRequest request =
                      HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/v1/orders/"))
                          .header("Content-Type", "application/json")
                          .header("Authorization", "Bearer " + stack.token(1000 + i, "customer"))
                          .POST(HttpRequest.BodyPublishers.ofString(body))
                          .build();
                  return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                      .thenApply(HttpResponse::statusCode);
                })
            .toList();

    Map<Integer, Long> byStatus =
        answers.stream()
            .map(CompletableFuture::join)
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertThat(byStatus).isEqualTo(Map.of(200, 50L, 400, 150L));
    assertThat(stack.stock(scarce)).containsExactly(50, 50);
  }

  @Test
  void aDecidedOrderIsVisibleOnTheOtherInstanceRightAway() throws Exception {
    long product = stack.product("Mirror", "4.00", 100);
    for (int i = 0; i < 20; i++) {
      ServiceProcess writer = stack.apis().get(i % 2);
      ServiceProcess reader = stack.apis().get((i + 1) % 2);
      int quantity = i % 4 == 3 ? 1000 : 1; // every fourth order is rejected
      ValidatableResponse placed =
          place(writer, 14, order(List.of(line(product, quantity))))
              .statusCode(quantity == 1 ? 200 : 400);
      String status = quantity == 1 ? "pending" : "rejected";
      long orderId =
          quantity == 1
              ? placed.extract().jsonPath().getLong("order_id")
              : newestOrderOf(reader, 14);

      given()
          .baseUri(reader.baseUrl())
          .auth()
          .oauth2(stack.token(14, "customer"))
          .get("/api/v1/orders/" + orderId)
          .then()
          .statusCode(200)
          .body("status", equalTo(status));
    }
  }

  private long newestOrderOf(ServiceProcess api, long user) {
    return given()
        .baseUri(api.baseUrl())
        .auth()
        .oauth2(stack.token(user, "customer"))
        .queryParam("limit", 1)
        .get("/api/v1/orders/my-orders")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getLong("[0].order_id");
  }
}
