package io.orderflow.api.security;

import static io.orderflow.api.security.AuthApi.PASSWORD;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import io.orderflow.stack.InfrastructureTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Registration and refresh are limited per client address (ADR 016). */
@QuarkusTest
@QuarkusTestResource(InfrastructureTestResource.class)
@TestProfile(RequestLimitsTest.ThreePerAddress.class)
class RequestLimitsTest {
  private static final int LIMIT = 3;

  public static class ThreePerAddress implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "orderflow.auth.throttle.registrations-per-address", String.valueOf(LIMIT),
          "orderflow.auth.throttle.refreshes-per-address", String.valueOf(LIMIT));
    }
  }

  @Test
  void registrationsBeyondTheLimitAre429AndCreateNoAccount() {
    String address = "127.0.5.1";
    for (int i = 0; i < LIMIT; i++) {
      AuthApi.register(newAccount(AuthApi.uniqueEmail()), address).statusCode(201);
    }
    String refused = AuthApi.uniqueEmail();

    AuthApi.register(newAccount(refused), address)
        .statusCode(429)
        .header("Retry-After", Integer::parseInt, greaterThan(0))
        .body("detail", equalTo("Too many registrations, retry later"));
    AuthApi.login(refused, PASSWORD, "127.0.5.9").statusCode(401);
    AuthApi.register(newAccount(AuthApi.uniqueEmail()), "127.0.5.2").statusCode(201);
  }

  @Test
  void refreshesBeyondTheLimitAre429AndTheTokenStillWorksFromElsewhere() {
    String address = "127.0.6.1";
    String email = AuthApi.uniqueEmail();
    AuthApi.register(newAccount(email), "127.0.6.3").statusCode(201);
    Object refreshToken = AuthApi.loggedIn(email, PASSWORD).get("refresh_token");
    for (int i = 0; i < LIMIT; i++) {
      refreshToken =
          AuthApi.refresh(refreshToken, address).statusCode(200).extract().path("refresh_token");
    }

    AuthApi.refresh(refreshToken, address)
        .statusCode(429)
        .header("Retry-After", Integer::parseInt, greaterThan(0))
        .body("detail", equalTo("Too many token refreshes, retry later"));
    // refused before the token was looked at: it was not used up
    AuthApi.refresh(refreshToken, "127.0.6.2").statusCode(200);
  }

  private static Map<String, String> newAccount(String email) {
    return Map.of("email", email, "password", PASSWORD, "full_name", "Test User");
  }
}
