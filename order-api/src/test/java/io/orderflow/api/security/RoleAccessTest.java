package io.orderflow.api.security;

import static io.orderflow.api.OrderApiClient.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.orderflow.api.OrderBodies;
import io.orderflow.stack.InfrastructureTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Customers on admin endpoints get 403; on another customer's order they get 404. */
@QuarkusTest
@QuarkusTestResource(InfrastructureTestResource.class)
class RoleAccessTest {
  private static final Map<String, Object> ORDER = OrderBodies.valid();

  /** Every admin endpoint of DESIGN.md §4: method, path, JSON body (or null). */
  static Stream<Arguments> adminEndpoints() {
    return Stream.of(
        Arguments.of("GET", "/api/v1/orders/", null),
        Arguments.of("PUT", "/api/v1/orders/1/status", Map.of("status", "confirmed")),
        Arguments.of(
            "POST",
            "/api/v1/orders/status/bulk",
            Map.of("order_ids", List.of(1), "status", "confirmed")),
        Arguments.of("GET", "/api/v1/orders/health/stock-check", null),
        Arguments.of("GET", "/api/v1/orders/analytics", null),
        Arguments.of("POST", "/api/v1/products", Map.of("name", "Widget", "price", 1)),
        Arguments.of("PUT", "/api/v1/products/1", Map.of("name", "Widget", "price", 1)),
        Arguments.of("POST", "/api/v1/products/1/restock", Map.of("quantity", 1)),
        Arguments.of("GET", "/api/v1/admin/dead-letters", null),
        Arguments.of("POST", "/api/v1/admin/dead-letters/1/replay", Map.of()),
        Arguments.of("DELETE", "/api/v1/admin/dead-letters/1", null));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("adminEndpoints")
  void customerOnAnAdminEndpointIs403(String method, String path, Object body) {
    Response answer = call(token(7, CurrentUser.CUSTOMER), method, path, body);

    answer.then().statusCode(403).body("detail", equalTo("Admin privileges required"));
  }

  /** Reading and deleting: the order of someone else does not exist for a customer. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("ownerOnlyMethods")
  void anotherCustomersOrderIs404(String method) {
    String location =
        given()
            .auth()
            .oauth2(token(31, CurrentUser.CUSTOMER))
            .contentType(ContentType.JSON)
            .body(ORDER)
            .post("/api/v1/orders/")
            .then()
            .statusCode(202)
            .extract()
            .header("Location");

    Response answer = call(token(32, CurrentUser.CUSTOMER), method, location, null);

    answer.then().statusCode(404).body("detail", equalTo("Order not found"));
  }

  static Stream<String> ownerOnlyMethods() {
    return Stream.of("GET", "DELETE");
  }

  private static Response call(String token, String method, String path, Object body) {
    var request = given().auth().oauth2(token);
    if (body != null) {
      request = request.contentType(ContentType.JSON).body(body);
    }
    return request.request(method, path);
  }
}
