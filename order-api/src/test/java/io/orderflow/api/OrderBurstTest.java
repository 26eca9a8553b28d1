package io.orderflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.model.MessageJson;
import io.orderflow.stack.InfrastructureTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A burst of checkouts far larger than the request thread pool is decided within the wait: waiting
 * requests hold no thread, and the projection that wakes them runs on threads of its own. A
 * stand-in decider on real Kafka reserves every order of this test's customer.
 */
@QuarkusTest
@TestProfile(OrderBurstTest.FewRequestThreads.class)
@QuarkusTestResource(InfrastructureTestResource.class)
class OrderBurstTest {
  private static final long CUSTOMER = 9_191;
  private static final int BURST = 200;

  /**
   * Eight request threads; the wait is long enough that a starved projection would show as 202s.
   */
  public static class FewRequestThreads implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.thread-pool.max-threads", "8", "orderflow.api.decision-wait", "PT20S");
    }
  }

  /** The test infrastructure's broker, as its super user (the test plays the other services). */
  private final Map<String, Object> kafka =
      InfrastructureTestResource.infrastructure().kafkaClientConfig();

  @TestHTTPResource("/api/v1/orders/")
  URI orders;

  private StandInDecider decider;

  @BeforeEach
  void startDecider() {
    decider = new StandInDecider(kafka).deciding(CUSTOMER, StandInDecider::reserved);
  }

  @AfterEach
  void stopDecider() throws InterruptedException {
    decider.close();
  }

  @Test
  void aBurstLargerThanTheThreadPoolIsDecidedWithinTheWait() {
    String token = OrderApiClient.token(CUSTOMER, "customer");
    String body = new String(MessageJson.write(OrderBodies.valid()), StandardCharsets.UTF_8);
    HttpClient http = HttpClient.newHttpClient();
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < BURST; i++) {
      answers.add(
          http.sendAsync(
              HttpRequest.newBuilder(orders)
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "application/json")
                  .timeout(Duration.ofSeconds(60))
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    List<Integer> statuses = answers.stream().map(a -> a.join().statusCode()).toList();

    assertThat(statuses).hasSize(BURST).containsOnly(200);
    List<JsonPath> bodies = answers.stream().map(a -> JsonPath.from(a.join().body())).toList();
    assertThat(bodies).allMatch(order -> order.getString("status").equals("pending"));
    assertThat(bodies.stream().map(order -> order.getLong("order_id")))
        .as("one order id per order")
        .doesNotHaveDuplicates()
        .allMatch(id -> id > 0);
  }
}
