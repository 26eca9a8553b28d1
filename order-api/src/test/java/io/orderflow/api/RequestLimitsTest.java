package io.orderflow.api;

import static io.orderflow.api.OrderIntakeTest.ORDERS;
import static io.orderflow.api.OrderIntakeTest.token;
import static io.orderflow.api.OrderIntakeTest.with;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.orderflow.stack.InfrastructureTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The HTTP doors around the endpoints: the body size limit (64 KB) and the CORS policy (the test
 * profile allows https://shop.example.test, and no other origin).
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureTestResource.class)
class RequestLimitsTest {
  private static final String ALLOWED = "https://shop.example.test";
  private static final String REFUSED = "https://evil.example.test";
  private static final String TOO_LARGE = "x".repeat(70 * 1024);

  @Test
  void aBodyOverTheLimitIs413WithDetailEvenWithoutAToken() {
    String email = "big-" + UUID.randomUUID() + "@example.com";
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("email", email, "password", "long enough", "full_name", TOO_LARGE))
        .post("/api/v1/auth/register")
        .then()
        .statusCode(413)
        .contentType(ContentType.JSON)
        .body("detail", equalTo("Request body is larger than 65536 bytes"));
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("email", email, "password", "long enough"))
        .post("/api/v1/auth/login")
        .then()
        .statusCode(401);
  }

  @Test
  void anOrderOverTheLimitIs413AndPlacesNothing() {
    long user = 9401;
    given()
        .auth()
        .oauth2(token(user, "customer"))
        .contentType(ContentType.JSON)
        .body(with("shipping_address_line2", TOO_LARGE))
        .post(ORDERS)
        .then()
        .statusCode(413)
        .body("detail", containsString("larger than"));
    given()
        .auth()
        .oauth2(token(user, "customer"))
        .get(ORDERS + "my-orders")
        .then()
        .body("", hasSize(0));
  }

  @Test
  void aPreflightFromAnAllowedOriginIsAnswered() {
    given()
        .header("Origin", ALLOWED)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key")
        .options(ORDERS)
        .then()
        .statusCode(200)
        .header("Access-Control-Allow-Origin", ALLOWED)
        .header("Access-Control-Allow-Methods", containsString("POST"));
    given()
        .header("Origin", ALLOWED)
        .auth()
        .oauth2(token(9402, "customer"))
        .get(ORDERS + "my-orders")
        .then()
        .statusCode(200)
        .header("Access-Control-Allow-Origin", ALLOWED);
  }

  @Test
  void anotherOriginGetsNoCorsPermission() {
    given()
        .header("Origin", REFUSED)
        .header("Access-Control-Request-Method", "POST")
        .options(ORDERS)
        .then()
        .header("Access-Control-Allow-Origin", nullValue());
    given()
        .header("Origin", REFUSED)
        .auth()
        .oauth2(token(9403, "customer"))
        .contentType(ContentType.JSON)
        .body(OrderBodies.valid())
        .post(ORDERS)
        .then()
        .statusCode(403)
        .header("Access-Control-Allow-Origin", nullValue());
    given()
        .auth()
        .oauth2(token(9403, "customer"))
        .get(ORDERS + "my-orders")
        .then()
        .statusCode(200)
        .body("", hasSize(0));
  }
}
