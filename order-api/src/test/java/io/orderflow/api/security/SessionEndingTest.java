package io.orderflow.api.security;

import static io.orderflow.api.security.AuthApi.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.orderflow.api.config.AuthConfig;
import io.orderflow.stack.InfrastructureTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Logout everywhere, a password change, and the cap on live sessions per account. */
@QuarkusTest
@QuarkusTestResource(InfrastructureTestResource.class)
class SessionEndingTest {
  private static final String NEW_PASSWORD = "a brand new password";

  @Inject RedisDataSource redis;
  @Inject AuthConfig config;

  @Test
  void logoutEverywhereEndsEverySessionOfTheCallerAndNoOneElses() {
    String email = AuthApi.uniqueEmail();
    AuthApi.registered(email);
    Map<String, Object> phone = AuthApi.loggedIn(email, PASSWORD);
    Map<String, Object> laptop = AuthApi.loggedIn(email, PASSWORD);
    String other = AuthApi.uniqueEmail();
    AuthApi.registered(other);
    Map<String, Object> someoneElse = AuthApi.loggedIn(other, PASSWORD);

    AuthApi.logoutEverywhere(phone.get("access_token")).statusCode(204);

    for (Map<String, Object> session : List.of(phone, laptop)) {
      AuthApi.me(session.get("access_token")).statusCode(401);
      AuthApi.refresh(session.get("refresh_token")).statusCode(401);
    }
    AuthApi.me(someoneElse.get("access_token")).statusCode(200);
    AuthApi.refresh(someoneElse.get("refresh_token")).statusCode(200);
  }

  @Test
  void aPasswordChangeEndsTheOtherSessionsButNotTheCallers() {
    String email = AuthApi.uniqueEmail();
    AuthApi.registered(email);
    Map<String, Object> caller = AuthApi.loggedIn(email, PASSWORD);
    Map<String, Object> stolen = AuthApi.loggedIn(email, PASSWORD);

    AuthApi.changePassword(caller.get("access_token"), PASSWORD, NEW_PASSWORD).statusCode(204);

    AuthApi.me(caller.get("access_token")).statusCode(200);
    AuthApi.refresh(caller.get("refresh_token")).statusCode(200);
    AuthApi.me(stolen.get("access_token")).statusCode(401);
    AuthApi.refresh(stolen.get("refresh_token")).statusCode(401);
    AuthApi.login(email, PASSWORD).statusCode(401);
    AuthApi.login(email, NEW_PASSWORD).statusCode(200);
  }

  @Test
  void aWrongCurrentPasswordChangesNothingAndCountsAsAFailedLogin() {
    String email = AuthApi.uniqueEmail();
    AuthApi.registered(email);
    Map<String, Object> caller = AuthApi.loggedIn(email, PASSWORD);
    Map<String, Object> other = AuthApi.loggedIn(email, PASSWORD);
    int allowance = config.throttle().failuresPerAccountAndAddress();

    for (int i = 0; i < allowance; i++) {
      AuthApi.changePassword(caller.get("access_token"), "not the password", NEW_PASSWORD)
          .statusCode(401)
          .body("detail", equalTo("Current password is incorrect"));
    }
    AuthApi.changePassword(caller.get("access_token"), PASSWORD, NEW_PASSWORD).statusCode(429);

    AuthApi.me(other.get("access_token")).statusCode(200);
    AuthApi.login(email, NEW_PASSWORD, "127.0.0.2").statusCode(401);
    AuthApi.login(email, PASSWORD, "127.0.0.2").statusCode(200);
  }

  @Test
  void aNewPasswordFollowsTheRegistrationRules() {
    String email = AuthApi.uniqueEmail();
    AuthApi.registered(email);
    Object access = AuthApi.loggedIn(email, PASSWORD).get("access_token");

    AuthApi.changePassword(access, PASSWORD, "short").statusCode(400);

    AuthApi.login(email, PASSWORD).statusCode(200);
  }

  @Test
  void loginsBeyondTheCapEndTheSessionsUsedLongestAgoAndLeaveNoKeysBehind() {
    String email = AuthApi.uniqueEmail();
    AuthApi.registered(email);
    int cap = config.maxSessionsPerAccount();
    List<Map<String, Object>> sessions = new ArrayList<>();
    for (int i = 0; i < cap + 2; i++) {
      sessions.add(AuthApi.loggedIn(email, PASSWORD));
    }
    AuthApi.refresh(sessions.get(0).get("refresh_token")).statusCode(401);
    AuthApi.refresh(sessions.get(1).get("refresh_token")).statusCode(401);
    AuthApi.refresh(sessions.get(2).get("refresh_token")).statusCode(200);
    AuthApi.refresh(sessions.get(cap + 1).get("refresh_token")).statusCode(200);

    long keysBefore = refreshKeys();
    for (int i = 0; i < 300; i++) {
      AuthApi.login(email, PASSWORD).statusCode(200);
    }

    // each live session holds its session key and its current token; the account one index
    assertThat(refreshKeys() - keysBefore).isLessThanOrEqualTo(2L * cap);
  }

  private long refreshKeys() {
    return redis.key().keys("auth:refresh:*").size();
  }
}
