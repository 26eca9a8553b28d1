package io.orderflow.api;

import static io.orderflow.api.OrderApiClient.ORDERS;
import static io.orderflow.api.OrderApiClient.myOrders;
import static io.orderflow.api.OrderApiClient.orderWith;
import static io.orderflow.api.OrderApiClient.token;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.orderflow.stack.InfrastructureTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Malformed input gets a 400 naming the field or parameter: numbers are exact, parameters that do
 * not parse are not a 404, nothing out of range reaches SQL, and invisible formatting characters
 * are refused in text.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureTestResource.class)
class MalformedInputTest {
  private static final String PRODUCTS = "/api/v1/products/";
  private static final String ADMIN = "admin";
  private static final String CUSTOMER = "customer";

  /** A JSON body with one raw value put in place: role, method, path, body, the field named. */
  static Stream<Arguments> inexactNumbers() {
    String product =
        "{\"name\": \"Widget\", \"price\": %s, \"on_hand\": %s, \"low_stock_threshold\": %s}";
    return Stream.of(
        order("1.5", "quantity"),
        order("\"5\"", "quantity"),
        order("true", "quantity"),
        order("1e3", "quantity"),
        order("2147483648", "quantity"),
        order("9223372036854775809", "product_id"),
        order("\"1\"", "product_id"),
        Arguments.of(ADMIN, "POST", PRODUCTS, product.formatted("\"12.5O\"", 1, 1), "price"),
        Arguments.of(ADMIN, "POST", PRODUCTS, product.formatted("\"\"", 1, 1), "price"),
        Arguments.of(ADMIN, "POST", PRODUCTS, product.formatted("true", 1, 1), "price"),
        Arguments.of(ADMIN, "POST", PRODUCTS, product.formatted("1", "1.5", 1), "on_hand"),
        Arguments.of(ADMIN, "POST", PRODUCTS, product.formatted("1", "\"5\"", 1), "on_hand"),
        Arguments.of(
            ADMIN,
            "POST",
            PRODUCTS,
            product.formatted("1", 1, "2147483648"),
            "low_stock_threshold"),
        Arguments.of(ADMIN, "PUT", PRODUCTS + "1", "{\"price\": \"9,99\"}", "price"),
        Arguments.of(ADMIN, "POST", PRODUCTS + "1/restock", "{\"quantity\": 2.5}", "quantity"),
        Arguments.of(ADMIN, "POST", PRODUCTS + "1/restock", "{\"quantity\": false}", "quantity"),
        Arguments.of(
            ADMIN,
            "POST",
            ORDERS + "status/bulk",
            "{\"order_ids\": [1, 1.5], \"status\": \"confirmed\"}",
            "order_ids[1]"),
        Arguments.of(
            ADMIN,
            "POST",
            ORDERS + "status/bulk",
            "{\"order_ids\": [\"1\"], \"status\": \"confirmed\"}",
            "order_ids[0]"),
        Arguments.of(ADMIN, "PUT", ORDERS + "1/status", "{\"status\": 5}", "status"),
        Arguments.of(
            null,
            "POST",
            "/api/v1/auth/register",
            "{\"email\": \"a@example.com\", \"password\": \"long enough\", \"full_name\": 5}",
            "full_name"),
        Arguments.of(
            null,
            "POST",
            "/api/v1/auth/login",
            "{\"email\": \"a@example.com\", \"password\": true}",
            "password"));
  }

  private static Arguments order(String rawValue, String field) {
    String item =
        field.equals("quantity")
            ? "{\"product_id\": 1, \"quantity\": " + rawValue + "}"
            : "{\"product_id\": " + rawValue + ", \"quantity\": 1}";
    String body =
        "{\"shipping_address_line1\": \"1 Main St\", \"shipping_city\": \"Springfield\","
            + " \"shipping_state\": \"IL\", \"shipping_postal_code\": \"62701\","
            + " \"shipping_country\": \"US\", \"order_items\": ["
            + item
            + "]}";
    return Arguments.of(CUSTOMER, "POST", ORDERS, body, "order_items[0]." + field);
  }

  @ParameterizedTest(name = "{1} {2} {4}: {3}")
  @MethodSource("inexactNumbers")
  void inexactOrMistypedValuesAre400NamingTheField(
      String role, String method, String path, String body, String field) {
    var request = given().contentType(ContentType.JSON).body(body);
    if (role != null) {
      request = request.auth().oauth2(token(9301, role));
    }
    request
        .request(method, path)
        .then()
        .statusCode(400)
        .body("detail", equalTo("Invalid value for field " + field))
        .body("errors.field", hasItem(field));
  }

  @Test
  void refusedOrdersPlaceNothingAndExactValuesStillWork() {
    long user = 9302;
    for (String quantity : List.of("1.5", "\"5\"", "1e3")) {
      given()
          .auth()
          .oauth2(token(user, CUSTOMER))
          .contentType(ContentType.JSON)
          .body(
              "{\"shipping_address_line1\": \"1 Main St\", \"shipping_city\": \"Springfield\","
                  + " \"shipping_state\": \"IL\", \"shipping_postal_code\": \"62701\","
                  + " \"shipping_country\": \"US\","
                  + " \"order_items\": [{\"product_id\": 1, \"quantity\": "
                  + quantity
                  + "}]}")
          .post(ORDERS)
          .then()
          .statusCode(400);
    }
    myOrders(user).body("", hasSize(0));

    given()
        .auth()
        .oauth2(token(user, CUSTOMER))
        .contentType(ContentType.JSON)
        .body(OrderBodies.valid())
        .post(ORDERS)
        .then()
        .statusCode(202);
    myOrders(user).body("", hasSize(1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"12.50", "\"12.50\""})
  void pricesTakeDecimalNumbersOrTheirExactText(String price) {
    given()
        .auth()
        .oauth2(token(1, ADMIN))
        .contentType(ContentType.JSON)
        .body("{\"name\": \"Exact Widget\", \"price\": " + price + ", \"on_hand\": 3}")
        .post(PRODUCTS)
        .then()
        .statusCode(202);
  }

  /** Parameter, role, path with query. */
  static Stream<Arguments> unparsableParameters() {
    return Stream.of(
        Arguments.of("limit", CUSTOMER, ORDERS + "my-orders?limit=ten"),
        Arguments.of("skip", CUSTOMER, ORDERS + "my-orders?skip=1.5"),
        Arguments.of("id", CUSTOMER, ORDERS + "abc"),
        Arguments.of("id", CUSTOMER, ORDERS + "99999999999999999999"),
        Arguments.of("id", CUSTOMER, ORDERS + "12abc/statistics"),
        Arguments.of("id", CUSTOMER, PRODUCTS + "abc"),
        Arguments.of("limit", CUSTOMER, PRODUCTS + "?limit=1e2"),
        Arguments.of("user_id", ADMIN, ORDERS + "?user_id=abc"),
        Arguments.of("user_id", ADMIN, ORDERS + "?user_id=99999999999999999999"),
        Arguments.of("min_amount", ADMIN, ORDERS + "?min_amount=abc"),
        Arguments.of("min_amount", ADMIN, ORDERS + "?min_amount=1e1000000"),
        Arguments.of("max_amount", ADMIN, ORDERS + "?max_amount=-1e-1000000"),
        Arguments.of("max_amount", ADMIN, ORDERS + "?max_amount=12345678901.00"),
        Arguments.of("min_amount", ADMIN, ORDERS + "?min_amount=0.001"),
        Arguments.of("start_date", ADMIN, ORDERS + "?start_date=2026-13-01"),
        Arguments.of("end_date", ADMIN, ORDERS + "?end_date=%2B999999999-01-01T00:00:00Z"),
        Arguments.of("start_date", ADMIN, ORDERS + "analytics?start_date=yesterday"),
        Arguments.of("top", ADMIN, ORDERS + "analytics?top=all"));
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("unparsableParameters")
  void unparsableParametersAre400NamingTheParameter(String parameter, String role, String path) {
    given()
        .auth()
        .oauth2(token(9303, role))
        .urlEncodingEnabled(false)
        .get(path)
        .then()
        .statusCode(400)
        .body("errors.field", hasItem(parameter));
  }

  @Test
  void wellFormedFiltersStillAnswer() {
    given()
        .auth()
        .oauth2(token(9303, ADMIN))
        .get(
            ORDERS
                + "?user_id=9303&min_amount=10.50&max_amount=9999999999.99&start_date=2026-01-01")
        .then()
        .statusCode(200)
        .header("X-Total-Count", "0");
    given()
        .auth()
        .oauth2(token(9303, ADMIN))
        .get(ORDERS + "?user_id=&min_amount=")
        .then()
        .statusCode(200);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"\u202E", "\u200B", "\u2060", "\uFEFF", "\u2028", "\u2029", "\u0085", "\uD800"})
  void invisibleFormattingCharactersAre400(String character) {
    given()
        .auth()
        .oauth2(token(9304, CUSTOMER))
        .contentType(ContentType.JSON)
        .body(orderWith("shipping_city", "Spring" + character + "field"))
        .post(ORDERS)
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("shipping_city"));
    register(UUID.randomUUID() + "@example.com", "long enough", "Ann" + character + "gnirts")
        .statusCode(400)
        .body("errors.field", hasItem("full_name"));
    register(UUID.randomUUID() + "@example.com", "long" + character + "enough", "Ann")
        .statusCode(400)
        .body("errors.field", hasItem("password"));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("email", "ann@example.com", "password", "long" + character + "enough"))
        .post("/api/v1/auth/login")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("password"));
    given()
        .auth()
        .oauth2(token(1, ADMIN))
        .contentType(ContentType.JSON)
        .body(Map.of("name", "Widget", "description", "Nice" + character, "price", 1, "on_hand", 1))
        .post(PRODUCTS)
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("description"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"José Müller-Lüdenscheidt", "東京都 渋谷区", "👩‍💻 Zoë 🇫🇷", "مریم‌خانم"})
  void ordinaryNonAsciiTextIsKept(String text) {
    register(UUID.randomUUID() + "@example.com", "pässwörd " + text, text)
        .statusCode(201)
        .body("full_name", equalTo(text));
    Map<String, Object> body = new HashMap<>(orderWith("shipping_city", text));
    String location =
        given()
            .auth()
            .oauth2(token(9305, CUSTOMER))
            .contentType(ContentType.JSON)
            .body(body)
            .post(ORDERS)
            .then()
            .statusCode(202)
            .extract()
            .header("Location");
    given()
        .auth()
        .oauth2(token(9305, CUSTOMER))
        .get(location)
        .then()
        .statusCode(200)
        .body("shipping_city", equalTo(text));
    given()
        .auth()
        .oauth2(token(1, ADMIN))
        .contentType(ContentType.JSON)
        .body(Map.of("name", text, "description", text + "\nsecond line", "price", 1, "on_hand", 1))
        .post(PRODUCTS)
        .then()
        .statusCode(202);
  }

  @Test
  void aBulkChangeNamingAnIdTwiceChangesItOnce() {
    given()
        .auth()
        .oauth2(token(1, ADMIN))
        .contentType(ContentType.JSON)
        .body(Map.of("order_ids", List.of(7001, 7002, 7001, 7001), "status", "confirmed"))
        .post(ORDERS + "status/bulk")
        .then()
        .statusCode(200)
        .body("order_id", equalTo(List.of(7001, 7002)));
  }

  @Test
  void headersThatAreNotMediaTypesAre400NamingTheHeader() {
    given()
        .auth()
        .oauth2(token(9306, CUSTOMER))
        .header("Content-Type", "garbage")
        .body("{}".getBytes(StandardCharsets.UTF_8))
        .post(ORDERS)
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("Content-Type"));
    given()
        .auth()
        .oauth2(token(9306, CUSTOMER))
        .header("Accept", "garbage/")
        .get(ORDERS + "my-orders")
        .then()
        .statusCode(400)
        .contentType(ContentType.JSON)
        .body("errors.field", hasItem("Accept"));
  }

  @Test
  void errorsAreJsonWhateverTheClientAccepts() {
    given()
        .auth()
        .oauth2(token(9306, CUSTOMER))
        .accept("application/xml")
        .get(ORDERS + "my-orders")
        .then()
        .statusCode(406)
        .contentType(ContentType.JSON)
        .body("detail", equalTo("Not Acceptable"));
  }

  private static ValidatableResponse register(String email, String password, String fullName) {
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("email", email, "password", password, "full_name", fullName))
        .post("/api/v1/auth/register")
        .then();
  }
}
