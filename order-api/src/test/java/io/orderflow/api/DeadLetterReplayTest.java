package io.orderflow.api;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.api.persistence.DeadLetterRepository;
import io.orderflow.model.DeadLetters;
import io.orderflow.model.MessageJson;
import io.orderflow.model.OrderReserved;
import io.orderflow.model.OrderStatus;
import io.orderflow.model.OrderStatusChangeRequested;
import io.orderflow.model.PricedLine;
import io.orderflow.model.ShippingAddress;
import io.orderflow.model.Topics;
import io.orderflow.stack.InfrastructureTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Dead letters of every topic, listed, replayed once and discarded by an admin (ADR 031). The test
 * plays the worker where one is needed: it writes the dead letters the worker writes.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureTestResource.class)
class DeadLetterReplayTest {
  private static final AtomicLong ORDER_IDS = new AtomicLong(930_000_000);
  private static final Instant AT = Instant.parse("2026-12-01T09:00:00Z");
  private static final long USER = 7171;
  private static final long ADMIN = 17;
  private static final String LETTERS = "/api/v1/admin/dead-letters";

  private final Map<String, Object> kafka =
      InfrastructureTestResource.infrastructure().kafkaClientConfig();

  @Inject AgroalDataSource db;
  @Inject DeadLetterRepository repository;
  @Inject MeterRegistry meters;

  @Test
  void anEventTheReadModelCouldNotHoldIsReplayedOnceItCan() throws SQLException {
    long order = ORDER_IDS.incrementAndGet();
    String postalCode = "6".repeat(21);
    OrderReserved unstorable = reserved(order, postalCode);
    send(
        new ProducerRecord<>(
            Topics.ORDERS_EVENTS, String.valueOf(order), MessageJson.write(unstorable)));

    Map<String, Object> letter = awaitPending(Topics.ORDERS_EVENTS, String.valueOf(order));
    long id = id(letter);
    assertEquals(Topics.deadLetterOf(Topics.ORDERS_EVENTS), letter.get("topic"));
    assertEquals(new String(MessageJson.write(unstorable), UTF_8), letter.get("payload"));
    assertNull(letter.get("resolved_by"));
    replay(id)
        .statusCode(409)
        .body("detail", startsWith("Dead letter " + id + " still cannot be applied: "));
    list("topic", Topics.ORDERS_EVENTS, "state", "pending").body("id", hasItem((int) id));

    try {
      // the fix: a read model that holds the value
      sql("ALTER TABLE orders ALTER COLUMN shipping_postal_code TYPE varchar(40)");
      replay(id)
          .statusCode(200)
          .body("id", equalTo((int) id))
          .body("state", equalTo("replayed"))
          .body("resolved_by", equalTo("user:" + ADMIN))
          .body("resolved_at", notNullValue());

      order(order)
          .statusCode(200)
          .body("status", equalTo("pending"))
          .body("shipping_postal_code", equalTo(postalCode))
          .body("status_history.status", equalTo(List.of("received", "pending")));
      replay(id)
          .statusCode(409)
          .body("detail", equalTo("Dead letter " + id + " is replayed, not pending"));
      order(order).body("status_history.status", equalTo(List.of("received", "pending")));
    } finally {
      sql("DELETE FROM orders WHERE order_id = " + order);
      sql("ALTER TABLE orders ALTER COLUMN shipping_postal_code TYPE varchar(20)");
    }
  }

  @Test
  void aCommandIsRepublishedOnceWithItsKeyForTheWorkerToDecide() {
    long order = ORDER_IDS.incrementAndGet();
    String key = String.valueOf(order);
    byte[] command =
        MessageJson.write(
            new OrderStatusChangeRequested(
                order, UUID.randomUUID(), OrderStatus.CONFIRMED, "user:" + ADMIN, AT));
    send(workerDeadLetter(Topics.ORDERS_COMMANDS, key, command));
    long id = id(awaitPending(Topics.ORDERS_COMMANDS, key));
    Map<TopicPartition, Long> before = endOffsets(Topics.ORDERS_COMMANDS);

    replay(id).statusCode(200).body("state", equalTo("replayed"));
    replay(id).statusCode(409).body("detail", containsString("is replayed"));
    discard(id).statusCode(409).body("detail", containsString("is replayed"));

    List<ConsumerRecord<String, byte[]>> republished = recordsSince(before, key);
    assertEquals(1, republished.size(), "republished once");
    assertArrayEquals(command, republished.get(0).value());
  }

  @Test
  void aDiscardRecordsWhoAndWhenAndHappensOnce() {
    String key = String.valueOf(ORDER_IDS.incrementAndGet());
    send(workerDeadLetter(Topics.INVENTORY_ALERTS, key, "{}".getBytes(UTF_8)));
    long id = id(awaitPending(Topics.INVENTORY_ALERTS, key));
    double discards = resolved("discarded");

    replay(id).statusCode(409).body("detail", containsString("inventory.alerts are not replayed"));
    discard(id)
        .statusCode(200)
        .body("state", equalTo("discarded"))
        .body("resolved_by", equalTo("user:" + ADMIN))
        .body("resolved_at", notNullValue())
        .body("original_topic", equalTo(Topics.INVENTORY_ALERTS))
        .body("original_partition", equalTo(2))
        .body("original_offset", equalTo(41))
        .body("reason", equalTo("cannot be decided: test"));

    discard(id)
        .statusCode(409)
        .body("detail", equalTo("Dead letter " + id + " is discarded, not pending"));
    replay(id).statusCode(409).body("detail", containsString("is discarded"));
    list("topic", Topics.INVENTORY_ALERTS, "state", "discarded").body("id", hasItem((int) id));
    list("topic", Topics.INVENTORY_ALERTS, "state", "pending").body("id", not(hasItem((int) id)));
    assertEquals(discards + 1, resolved("discarded"));
  }

  @Test
  void aRedeliveredLetterIsStoredOnce() throws SQLException {
    long offset = ORDER_IDS.incrementAndGet();
    DeadLetterRepository.Arrived letter =
        new DeadLetterRepository.Arrived(
            Topics.deadLetterOf(Topics.INVENTORY_ALERTS),
            0,
            offset,
            Topics.INVENTORY_ALERTS,
            1,
            7L,
            "k",
            "r",
            AT,
            new byte[] {1});

    assertEquals(1, repository.store(List.of(letter)));
    assertEquals(0, repository.store(List.of(letter, letter)));
  }

  @Test
  void unknownLettersAre404AndBadParametersAre400() {
    replay(Long.MAX_VALUE).statusCode(404).body("detail", equalTo("Dead letter not found"));
    discard(Long.MAX_VALUE).statusCode(404).body("detail", equalTo("Dead letter not found"));
    asAdmin().contentType(ContentType.JSON).post(LETTERS + "/abc/replay").then().statusCode(400);
    asAdmin().delete(LETTERS + "/1.5").then().statusCode(400);
    list("state", "lost").statusCode(400).body("errors[0].field", equalTo("state"));
    list("topic", "orders").statusCode(400).body("errors[0].field", equalTo("topic"));
    list("limit", "0").statusCode(400);
    list("skip", "-1").statusCode(400);
  }

  private static OrderReserved reserved(long order, String postalCode) {
    return new OrderReserved(
        order,
        1,
        USER,
        AT,
        AT,
        new ShippingAddress("1 Main St", null, "Springfield", "IL", postalCode, "US"),
        List.of(new PricedLine(1, "Widget", 2, new BigDecimal("10.00"), new BigDecimal("20.00"))),
        new BigDecimal("20.00"));
  }

  /** The dead letter a service writes for a record it could not process at {@code topic}-2@41. */
  private static ProducerRecord<String, byte[]> workerDeadLetter(
      String topic, String key, byte[] value) {
    ConsumerRecord<String, byte[]> failed = new ConsumerRecord<>(topic, 2, 41, key, value);
    return DeadLetters.letterFor(failed, "cannot be decided: test");
  }

  private Map<String, Object> awaitPending(String originalTopic, String key) {
    List<Map<String, Object>> found = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              found.clear();
              List<Map<String, Object>> letters =
                  list("topic", originalTopic, "state", "pending", "limit", "1000")
                      .statusCode(200)
                      .extract()
                      .jsonPath()
                      .getList("$");
              letters.stream().filter(l -> key.equals(l.get("key"))).forEach(found::add);
              return !found.isEmpty();
            });
    assertEquals(1, found.size(), "one letter for " + key);
    Map<String, Object> letter = found.get(0);
    assertEquals(originalTopic, letter.get("original_topic"));
    assertEquals("pending", letter.get("state"));
    return letter;
  }

  private static long id(Map<String, Object> letter) {
    return ((Number) letter.get("id")).longValue();
  }

  private double resolved(String action) {
    return meters.get("orderflow.dead.letters.resolved").tag("action", action).counter().count();
  }

  private void sql(String statement) throws SQLException {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  private void send(ProducerRecord<String, byte[]> record) {
    Map<String, Object> config = new HashMap<>(kafka);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      producer.send(record);
      producer.flush();
    }
  }

  private KafkaConsumer<String, byte[]> consumer() {
    return new KafkaConsumer<>(
        new HashMap<>(kafka), new StringDeserializer(), new ByteArrayDeserializer());
  }

  private Map<TopicPartition, Long> endOffsets(String topic) {
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      return consumer.endOffsets(
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList());
    }
  }

  /** Every record with {@code key} from {@code from} up to the topic's current end. */
  private List<ConsumerRecord<String, byte[]>> recordsSince(
      Map<TopicPartition, Long> from, String key) {
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      consumer.assign(from.keySet());
      from.forEach(consumer::seek);
      Map<TopicPartition, Long> end = consumer.endOffsets(from.keySet());
      List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(found::add);
                return end.entrySet().stream()
                    .allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
              });
      return found.stream().filter(r -> key.equals(r.key())).toList();
    }
  }

  private static io.restassured.specification.RequestSpecification asAdmin() {
    return given().auth().oauth2(OrderApiClient.token(ADMIN, "admin"));
  }

  private static ValidatableResponse list(Object... query) {
    var request = asAdmin();
    for (int i = 0; i < query.length; i += 2) {
      request = request.queryParam((String) query[i], query[i + 1]);
    }
    return request.get(LETTERS).then();
  }

  private static ValidatableResponse replay(long id) {
    // a POST without a body still says JSON, or it is 415 like every other
    return asAdmin().contentType(ContentType.JSON).post(LETTERS + "/" + id + "/replay").then();
  }

  private static ValidatableResponse discard(long id) {
    return asAdmin().delete(LETTERS + "/" + id).then();
  }

  private static ValidatableResponse order(long order) {
    return given()
        .auth()
        .oauth2(OrderApiClient.token(USER, "customer"))
        .get("/api/v1/orders/" + order)
        .then();
  }
}
