package io.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.stack.KafkaBroker;
import io.orderflow.stack.ServiceProcess;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With the Kafka broker down, POST refuses the order with 503 + Retry-After and accepts nothing;
 * once the broker is back, orders are accepted again.
 */
class KafkaDownTest {
  private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(2);
  private static final String RETRY_AFTER = "3";
  private static final long REFUSED_USER = 32;
  private static IsolatedStack stack;
  private static ServiceProcess api;

  @BeforeAll
  static void startStack() {
    stack = new IsolatedStack();
    stack.start("inventory-worker-kafka-down", "inventory-worker", Map.of());
    api =
        stack.start(
            "order-api-kafka-down",
            "order-api",
            Map.of(
                "orderflow.api.publish-timeout",
                PUBLISH_TIMEOUT.toString(),
                "orderflow.api.retry-after-seconds",
                RETRY_AFTER));
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void postAnswers503AndAcceptsNothingWhileKafkaIsDownThenWorksAgain() throws Exception {
    long product = stack.product("Steady Widget", "2.00", 100);
    assertThat(stack.place(api, 31, Map.of(product, 1)).statusCode()).isEqualTo(200);
    KafkaBroker broker = stack.infrastructure.kafkaBroker().orElseThrow();

    broker.stop();
    long start = System.nanoTime();
    HttpResponse<String> refused = stack.place(api, REFUSED_USER, Map.of(product, 1));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Retry-After")).contains(RETRY_AFTER);
    JsonNode body = IsolatedStack.json(refused.body());
    assertThat(body.path("detail").isTextual()).as(refused.body()).isTrue();
    assertThat(body.path("detail").asText()).isNotBlank().doesNotContain("Exception");
    // without the publish timeout the send blocks for the producer's 60 s and the client's 30 s
    // timeout ends the request first; the bound leaves room for a machine that stands still
    assertThat(took).isLessThan(Duration.ofSeconds(25));

    broker.start();
    AtomicReference<HttpResponse<String>> accepted = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              accepted.set(stack.place(api, 33, Map.of(product, 1)));
              return accepted.get().statusCode() == 200;
            });
    assertThat(IsolatedStack.json(accepted.get().body()).path("status").asText())
        .isEqualTo("pending");

    // Everything the worker was given has been decided: a refused order would have been too.
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> stack.lag("inventory-worker", "orders.commands") == 0);
    List<ConsumerRecord<String, JsonNode>> commands = stack.readAll("orders.commands");
    assertThat(commands)
        .extracting(r -> r.value().path("user_id").asLong())
        .contains(31L, 33L)
        .doesNotContain(REFUSED_USER);
    assertThat(stack.count("SELECT count(*) FROM inventory.orders WHERE user_id = ?", REFUSED_USER))
        .isZero();
    assertThat(stack.count("SELECT count(*) FROM sales.orders WHERE user_id = ?", REFUSED_USER))
        .isZero();
    HttpResponse<String> mine = stack.get(api, REFUSED_USER, "/api/v1/orders/my-orders");
    assertThat(mine.statusCode()).isEqualTo(200);
    assertThat(IsolatedStack.json(mine.body()).size()).as(mine.body()).isZero();
  }
}
