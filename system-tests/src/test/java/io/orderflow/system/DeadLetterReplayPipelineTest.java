package io.orderflow.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.orderflow.model.MessageJson;
import io.orderflow.model.OrderStatus;
import io.orderflow.model.OrderStatusChangeRequested;
import io.orderflow.model.Topics;
import io.orderflow.stack.ServiceProcess;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A command the worker could not process, dead-lettered, fixed, replayed by an admin through
 * order-api and decided once by the worker (ADR 031); the services run with their own Kafka users,
 * so order-api's may read the dead letters and republish the command.
 */
class DeadLetterReplayPipelineTest {
  private static final long ADMIN = 1;
  private static PipelineStack stack;

  @BeforeAll
  static void startStack() {
    stack = PipelineStack.get();
  }

  @Test
  void aChangeTheWorkerCouldNotProcessIsReplayedOnceAndDecidedOnce() throws Exception {
    long product = stack.product("Replayed widget", "3.00", 5);
    long order = stack.placeDecided(stack.apiA, 41, product, 2);
    String refusal = "refuse_order_" + order;
    stack.execute(
        "CREATE FUNCTION inventory."
            + refusal
            + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            + " RAISE EXCEPTION 'refused by the test'; END $$");
    stack.execute(
        "CREATE TRIGGER "
            + refusal
            + " BEFORE UPDATE ON inventory.orders FOR EACH ROW WHEN (NEW.id = "
            + order
            + ") EXECUTE FUNCTION inventory."
            + refusal
            + "()");
    try {
      publish(
          new OrderStatusChangeRequested(
              order, UUID.randomUUID(), OrderStatus.CONFIRMED, "user:" + ADMIN, Instant.now()));
      long id = awaitPendingLetter(stack.apiB, order);
      // the fix
      stack.execute("DROP TRIGGER " + refusal + " ON inventory.orders");

      replay(stack.apiA, id)
          .statusCode(200)
          .body("state", equalTo("replayed"))
          .body("resolved_by", equalTo("user:" + ADMIN));
      replay(stack.apiB, id).statusCode(409).body("detail", containsString("is replayed"));
    } finally {
      stack.execute("DROP TRIGGER IF EXISTS " + refusal + " ON inventory.orders");
      stack.execute("DROP FUNCTION inventory." + refusal + "()");
    }

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> "confirmed".equals(order(order).extract().path("status")));
    order(order)
        .body("status_history.status", equalTo(List.of("received", "pending", "confirmed")));
    assertThat(
            stack.count(
                "SELECT count(*) FROM inventory.order_status_history"
                    + " WHERE order_id = ? AND status = 'confirmed'",
                order))
        .isEqualTo(1);
    assertThat(stack.stock(product)).containsExactly(5, 2);
  }

  /** Publishes as an admin's request would, straight to the topic: nothing waits for it. */
  private static void publish(OrderStatusChangeRequested command) {
    Map<String, Object> config = new HashMap<>(stack.kafkaClientConfig());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      producer.send(
          new ProducerRecord<>(
              Topics.ORDERS_COMMANDS,
              String.valueOf(command.orderId()),
              MessageJson.write(command)));
      producer.flush();
    }
  }

  private static long awaitPendingLetter(ServiceProcess api, long order) {
    String key = String.valueOf(order);
    return await()
        .atMost(Duration.ofSeconds(120))
        .until(
            () ->
                given()
                    .baseUri(api.baseUrl())
                    .auth()
                    .oauth2(stack.token(ADMIN, "admin"))
                    .queryParam("topic", Topics.ORDERS_COMMANDS)
                    .queryParam("state", "pending")
                    .get("/api/v1/admin/dead-letters")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .<Map<String, Object>>getList("$")
                    .stream()
                    .filter(letter -> key.equals(letter.get("key")))
                    .map(letter -> ((Number) letter.get("id")).longValue())
                    .findFirst(),
            found -> found.isPresent())
        .orElseThrow();
  }

  private static ValidatableResponse replay(ServiceProcess api, long id) {
    return given()
        .baseUri(api.baseUrl())
        .auth()
        .oauth2(stack.token(ADMIN, "admin"))
        .contentType(ContentType.JSON)
        .post("/api/v1/admin/dead-letters/" + id + "/replay")
        .then();
  }

  private static ValidatableResponse order(long order) {
    return given()
        .baseUri(stack.apiA.baseUrl())
        .auth()
        .oauth2(stack.token(ADMIN, "admin"))
        .get("/api/v1/orders/" + order)
        .then();
  }
}
