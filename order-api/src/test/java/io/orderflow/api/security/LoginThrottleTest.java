package io.orderflow.api.security;

import static io.orderflow.api.security.AuthApi.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.orderflow.api.config.AuthConfig;
import io.orderflow.api.domain.ThrottledException;
import io.orderflow.stack.InfrastructureTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The lock-out policy of ADR 016; each test sends from loopback addresses of its own. */
@QuarkusTest
@QuarkusTestResource(InfrastructureTestResource.class)
class LoginThrottleTest {
  @Inject AuthConfig config;
  @Inject LoginThrottle throttle;

  @Test
  void anAttackersFailuresDoNotLockTheOwnerOutOfTheirOwnAddress() {
    String attacker = "127.0.1.1";
    String owner = "127.0.1.2";
    String email = AuthApi.uniqueEmail();
    AuthApi.registered(email);
    for (int attempt = 1; attempt <= allowance(); attempt++) {
      AuthApi.login(email, "guess number " + attempt, attacker).statusCode(401);
    }

    // the attacker is refused without a password check, even with the right one
    AuthApi.login(email, PASSWORD, attacker)
        .statusCode(429)
        .header("Retry-After", "1")
        .body("detail", equalTo("Too many failed login attempts, retry later"));
    AuthApi.login(email, PASSWORD, owner).statusCode(200);
  }

  @Test
  void ofAParallelBurstOnlyTheAllowanceIsChecked() throws Exception {
    String email = AuthApi.uniqueEmail();
    AuthApi.registered(email);
    int burst = 20;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(burst);
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < burst; i++) {
        Callable<Integer> wrongLogin =
            () -> {
              start.await();
              return AuthApi.login(email, "wrong password", "127.0.2.1").extract().statusCode();
            };
        answers.add(pool.submit(wrongLogin));
      }
      start.countDown();
      Map<Integer, Long> byStatus = new TreeMap<>();
      for (Future<Integer> answer : answers) {
        byStatus.merge(answer.get(), 1L, Long::sum);
      }

      assertThat(byStatus)
          .isEqualTo(Map.of(401, (long) allowance(), 429, (long) burst - allowance()));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theWaitDoublesWithEveryFurtherFailure() {
    String address = "127.0.3.1";
    String email = AuthApi.uniqueEmail();
    for (int attempt = 1; attempt <= allowance(); attempt++) {
      AuthApi.login(email, "wrong password", address).statusCode(401);
    }
    List<Integer> waits = new ArrayList<>();
    for (int further = 0; further < 3; further++) {
      waits.add(
          AuthApi.login(email, "wrong password", address)
              .statusCode(429)
              .extract()
              .header("Retry-After")
              .transform(Integer::parseInt));
      // refused attempts are not counted: polling until the wait is over changes nothing
      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> AuthApi.login(email, "wrong password", address).extract().statusCode() == 401);
    }

    assertThat(waits).containsExactly(1, 2, 4);
  }

  @Test
  void aSuccessfulLoginStartsThePairAfresh() {
    String address = "127.0.4.1";
    String email = AuthApi.uniqueEmail();
    AuthApi.registered(email);
    for (int attempt = 1; attempt < allowance(); attempt++) {
      AuthApi.login(email, "wrong password", address).statusCode(401);
    }
    AuthApi.login(email, PASSWORD, address).statusCode(200);

    for (int attempt = 1; attempt <= allowance(); attempt++) {
      AuthApi.login(email, "wrong password", address).statusCode(401);
    }
    AuthApi.login(email, PASSWORD, address).statusCode(429);
  }

  @Test
  void manyFailuresFromOneAddressAreRefusedForEveryAccount() {
    String address = "203.0.113.77";
    for (int i = 0; i < config.throttle().maxFailuresPerAddress(); i++) {
      assertThatCode(() -> throttle.reserve(AuthApi.uniqueEmail(), address))
          .doesNotThrowAnyException();
    }

    assertThatThrownBy(() -> throttle.reserve(AuthApi.uniqueEmail(), address))
        .isInstanceOf(ThrottledException.class);
    assertThatCode(() -> throttle.reserve(AuthApi.uniqueEmail(), "203.0.113.78"))
        .doesNotThrowAnyException();
  }

  private int allowance() {
    return config.throttle().failuresPerAccountAndAddress();
  }
}
