package io.orderflow.api.security;

import static io.orderflow.api.security.AuthApi.PASSWORD;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import io.orderflow.api.config.AuthConfig;
import io.orderflow.stack.InfrastructureTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(InfrastructureTestResource.class)
class LoginThrottleTest {
  @Inject AuthConfig config;
  @Inject LoginThrottle throttle;

  @Test
  void bruteForceOnOneAccountIs429EvenWithTheRightPassword() {
    String email = AuthApi.uniqueEmail();
    AuthApi.registered(email);
    int allowed = config.throttle().maxFailuresPerAccount();
    for (int attempt = 1; attempt <= allowed; attempt++) {
      AuthApi.login(email, "guess number " + attempt).statusCode(401);
    }

    AuthApi.login(email, PASSWORD)
        .statusCode(429)
        .header("Retry-After", Integer::parseInt, greaterThan(0))
        .body("detail", equalTo("Too many failed login attempts, retry later"));
    // Other accounts from the same address are not locked out by it.
    String other = AuthApi.uniqueEmail();
    AuthApi.registered(other);
    AuthApi.login(other, PASSWORD).statusCode(200);
  }

  @Test
  void manyFailuresFromOneAddressLockItOutForEveryAccount() {
    String address = "203.0.113.77";
    for (int i = 0; i < config.throttle().maxFailuresPerAddress(); i++) {
      assertThatCode(() -> throttle.checkAllowed(AuthApi.uniqueEmail(), address))
          .doesNotThrowAnyException();
      throttle.recordFailure(AuthApi.uniqueEmail(), address);
    }

    assertThatThrownBy(() -> throttle.checkAllowed(AuthApi.uniqueEmail(), address))
        .isInstanceOf(LoginThrottledException.class);
    assertThatCode(() -> throttle.checkAllowed(AuthApi.uniqueEmail(), "203.0.113.78"))
        .doesNotThrowAnyException();
  }
}
