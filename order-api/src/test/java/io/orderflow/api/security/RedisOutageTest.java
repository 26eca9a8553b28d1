package io.orderflow.api.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.orderflow.api.OrderApiClient;
import io.orderflow.stack.InfrastructureTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without Redis nobody can tell a revoked token from a good one: fail closed with 503. */
@QuarkusTest
@QuarkusTestResource(InfrastructureTestResource.class)
@TestProfile(RedisOutageTest.RedisUnreachable.class)
class RedisOutageTest {
  public static class RedisUnreachable implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      // nothing listens on port 1
      return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:1", "quarkus.redis.timeout", "PT2S");
    }
  }

  @Test
  void protectedRequestsAre503NotLetThrough() {
    String token = OrderApiClient.token(7, "customer");

    given()
        .auth()
        .oauth2(token)
        .get("/api/v1/orders/my-orders")
        .then()
        .statusCode(503)
        .header("Retry-After", notNullValue())
        .body("detail", equalTo("Service temporarily unavailable, retry later"));
  }

  @Test
  void loginIs503BecauseThrottlingCannotBeChecked() {
    AuthApi.login("admin@orderflow.test", "test-admin-password")
        .statusCode(503)
        .header("Retry-After", notNullValue());
  }

  @TestHTTPResource(value = "/", management = true)
  URL management;

  @Test
  void endpointsWithoutATokenStillWork() {
    given().port(management.getPort()).get("/q/health/live").then().statusCode(200);
  }
}
