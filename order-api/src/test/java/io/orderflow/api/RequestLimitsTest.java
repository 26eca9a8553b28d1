package io.orderflow.api;

import static io.orderflow.api.OrderApiClient.ORDERS;
import static io.orderflow.api.OrderApiClient.orderWith;
import static io.orderflow.api.OrderApiClient.token;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.orderflow.stack.InfrastructureTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

  @TestHTTPResource("/")
  URI root;

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
        .body(orderWith("shipping_address_line2", TOO_LARGE))
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

  /** A chunked body declares no length up front; Quarkus's own limit refuses it while reading. */
  @Test
  void aChunkedBodyOverTheLimitIsRefusedToo() throws Exception {
    byte[] body =
        ("{\"email\": \"chunked@example.com\", \"password\": \"long enough\", \"full_name\": \""
                + TOO_LARGE
                + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> answer =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(
                HttpRequest.newBuilder(root.resolve("/api/v1/auth/register"))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofInputStream(
                            () -> new ByteArrayInputStream(body)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
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
