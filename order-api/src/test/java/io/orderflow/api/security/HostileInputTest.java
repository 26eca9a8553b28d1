package io.orderflow.api.security;

import static io.orderflow.api.security.AuthApi.PASSWORD;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.orderflow.api.OrderApiClient;
import io.orderflow.stack.InfrastructureTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Injection and script strings are data; over-long and control-character input is a 400. */
@QuarkusTest
@QuarkusTestResource(InfrastructureTestResource.class)
class HostileInputTest {
  static List<String> hostileStrings() {
    return List.of(
        "Robert'); DROP TABLE users; --",
        "' OR '1'='1' --",
        "1; SELECT pg_sleep(10); --",
        "<script>alert(document.cookie)</script>",
        "\"><img src=x onerror=alert(1)>",
        "${jndi:ldap://example.com/a} {{7*7}} %s%n");
  }

  @ParameterizedTest
  @MethodSource("hostileStrings")
  void accountFieldsStoreHostileStringsAsPlainData(String hostile) {
    String email = "o'hara+" + UUID.randomUUID() + "@example.com";
    String password = hostile + " pw";
    AuthApi.register(Map.of("email", email, "password", password, "full_name", hostile))
        .statusCode(201)
        .contentType(ContentType.JSON)
        .body("full_name", equalTo(hostile))
        .body("email", equalTo(email));

    Object access = AuthApi.loggedIn(email, password).get("access_token");
    AuthApi.me(access).statusCode(200).body("full_name", equalTo(hostile));
    AuthApi.login(email, hostile).statusCode(401);
    AuthApi.login(hostile, password).statusCode(401);
  }

  @ParameterizedTest
  @MethodSource("hostileStrings")
  void orderTextFieldsStoreHostileStringsAsPlainData(String hostile) {
    String token = OrderApiClient.token(4711, "customer");
    Map<String, Object> order = new HashMap<>();
    for (String field :
        List.of(
            "shipping_address_line1",
            "shipping_address_line2",
            "shipping_city",
            "shipping_state",
            "shipping_country")) {
      order.put(field, hostile.length() > 100 ? hostile.substring(0, 100) : hostile);
    }
    order.put("shipping_postal_code", hostile.substring(0, Math.min(20, hostile.length())));
    order.put("order_items", List.of(Map.of("product_id", 1, "quantity", 1)));

    String location =
        given()
            .auth()
            .oauth2(token)
            .contentType(ContentType.JSON)
            .body(order)
            .post("/api/v1/orders/")
            .then()
            .statusCode(202)
            .extract()
            .header("Location");

    var stored = given().auth().oauth2(token).get(location).then().statusCode(200);
    order.forEach(
        (field, value) -> {
          if (value instanceof String text) {
            stored.body(field, equalTo(text));
          }
        });
  }

  @Test
  void overLongAndControlCharacterAccountFieldsAre400() {
    Map<String, Map<String, Object>> cases =
        Map.of(
            "email", register("a".repeat(250) + "@example.com", PASSWORD, "Name"),
            "password", register(AuthApi.uniqueEmail(), "p".repeat(129), "Name"),
            "full_name", register(AuthApi.uniqueEmail(), PASSWORD, "n".repeat(256)));
    cases.forEach((field, body) -> expect400(body, field));
    expect400(register(AuthApi.uniqueEmail(), "short", "Name"), "password");
    expect400(register(AuthApi.uniqueEmail(), PASSWORD, "Line\nbreak"), "full_name");
    expect400(register(AuthApi.uniqueEmail(), PASSWORD, "Nul\u0000byte"), "full_name");
    expect400(register(AuthApi.uniqueEmail(), "tab\tin password", "Name"), "password");
    expect400(register("not-an-email", PASSWORD, "Name"), "email");
  }

  @Test
  void overLongLoginAndRefreshInputIs400() {
    AuthApi.login("a".repeat(256), PASSWORD).statusCode(400).body("errors.field", hasItem("email"));
    AuthApi.login(AuthApi.uniqueEmail(), "p".repeat(129))
        .statusCode(400)
        .body("errors.field", hasItem("password"));
    AuthApi.refresh("r".repeat(129)).statusCode(400).body("errors.field", hasItem("refresh_token"));
    given()
        .contentType(ContentType.URLENC)
        .formParam("username", "x\u0001y@example.com")
        .formParam("password", PASSWORD)
        .post("/api/v1/auth/login")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("username"));
  }

  @Test
  void malformedBodiesAre400WithoutInternals() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"email\": ")
        .post("/api/v1/auth/register")
        .then()
        .statusCode(400)
        .body("detail", equalTo("Request body is not valid JSON"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"email\": [1], \"password\": {}, \"full_name\": 3}")
        .post("/api/v1/auth/register")
        .then()
        .statusCode(400)
        .body("detail", containsString("Invalid value"));
  }

  private static Map<String, Object> register(String email, String password, String fullName) {
    return Map.of("email", email, "password", password, "full_name", fullName);
  }

  private static void expect400(Map<String, Object> body, String field) {
    AuthApi.register(body)
        .statusCode(400)
        .body("detail", equalTo("Validation failed"))
        .body("errors.field", hasItem(field));
  }
}
