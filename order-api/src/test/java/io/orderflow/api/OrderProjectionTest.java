package io.orderflow.api;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.orderflow.model.DeadLetters;
import io.orderflow.model.MessageJson;
import io.orderflow.model.OrderEvent;
import io.orderflow.model.OrderLine;
import io.orderflow.model.OrderRejected;
import io.orderflow.model.OrderReserved;
import io.orderflow.model.OrderStatus;
import io.orderflow.model.OrderStatusChanged;
import io.orderflow.model.PricedLine;
import io.orderflow.model.ShippingAddress;
import io.orderflow.model.StockIssue;
import io.orderflow.model.Topics;
import io.orderflow.stack.InfrastructureTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The order read model as a projection of orders.events: version-aware, replay-proof. */
@QuarkusTest
@QuarkusTestResource(InfrastructureTestResource.class)
class OrderProjectionTest {
  private static final AtomicLong ORDER_IDS = new AtomicLong(900_000_000);
  private static final Instant AT = Instant.parse("2026-11-26T09:00:00Z");
  private static final ShippingAddress ADDRESS =
      new ShippingAddress("1 Main St", null, "Springfield", "IL", "62701", "US");
  private static final long USER = 6161;

  /** The test infrastructure's broker, as its super user (the test plays the other services). */
  private final Map<String, Object> kafka =
      InfrastructureTestResource.infrastructure().kafkaClientConfig();

  @Test
  void anOlderEventArrivingLateChangesNothing() {
    long order = ORDER_IDS.incrementAndGet();

    publish(reserved(order), confirmed(order, 2), reserved(order));
    awaitStatus(order, "confirmed");
    publish(confirmed(order, 2), rejected(order));

    // a newer event behind the stale ones proves they were all applied (partition order)
    publish(
        new OrderStatusChanged(
            order,
            3,
            USER,
            AT,
            AT,
            UUID.randomUUID(),
            OrderStatus.CONFIRMED,
            OrderStatus.SHIPPED,
            "user:1"));
    awaitStatus(order, "shipped");
    get(order)
        .body("total_amount", equalTo(20.0f))
        .body(
            "status_history.status",
            equalTo(List.of("received", "pending", "confirmed", "shipped")));
  }

  @Test
  void aRejectionIsKeptWithItsStockIssues() {
    long order = ORDER_IDS.incrementAndGet();

    publish(rejected(order));

    awaitStatus(order, "rejected");
    get(order)
        .body("stock_issues[0].error", equalTo("Product not found"))
        .body("order_items[0].product_id", equalTo(404));
  }

  @Test
  void anUnreadableEventIsDeadLetteredWithItsReasonAndTheProjectionMovesOn() {
    long order = ORDER_IDS.incrementAndGet();
    String key = String.valueOf(order);

    send(new ProducerRecord<>(Topics.ORDERS_EVENTS, key, "not an event".getBytes(UTF_8)));
    publish(reserved(order));

    awaitStatus(order, "pending");
    ConsumerRecord<String, byte[]> letter = deadLetterOf(key);
    assertEquals("not an event", new String(letter.value(), UTF_8));
    assertEquals(Topics.ORDERS_EVENTS, header(letter, DeadLetters.ORIGINAL_TOPIC));
    assertTrue(
        header(letter, DeadLetters.REASON).contains("OrderEvent"),
        header(letter, DeadLetters.REASON));
  }

  @Test
  void anEventTheReadModelCannotHoldIsDeadLetteredAndTheProjectionMovesOn() {
    long bad = ORDER_IDS.incrementAndGet();
    long good = ORDER_IDS.incrementAndGet();
    ShippingAddress tooLong =
        new ShippingAddress("1 Main St", null, "Springfield", "IL", "6".repeat(21), "US");
    OrderReserved unstorable =
        new OrderReserved(
            bad, 1, USER, AT, AT, tooLong, reserved(bad).items(), reserved(bad).totalAmount());

    publish(unstorable);
    publish(reserved(good));

    awaitStatus(good, "pending");
    ConsumerRecord<String, byte[]> letter = deadLetterOf(String.valueOf(bad));
    assertEquals(Topics.ORDERS_EVENTS, header(letter, DeadLetters.ORIGINAL_TOPIC));
    assertTrue(
        header(letter, DeadLetters.REASON).startsWith("cannot be projected: PSQLException"),
        header(letter, DeadLetters.REASON));
    get(bad).statusCode(404);
  }

  private static OrderReserved reserved(long order) {
    return new OrderReserved(
        order,
        1,
        USER,
        AT,
        AT,
        ADDRESS,
        List.of(new PricedLine(1, "Widget", 2, new BigDecimal("10.00"), new BigDecimal("20.00"))),
        new BigDecimal("20.00"));
  }

  private static OrderRejected rejected(long order) {
    return new OrderRejected(
        order,
        1,
        USER,
        AT,
        AT,
        ADDRESS,
        List.of(new OrderLine(404, 1)),
        List.of(StockIssue.productNotFound(404, 1)));
  }

  private static OrderStatusChanged confirmed(long order, long version) {
    return new OrderStatusChanged(
        order,
        version,
        USER,
        AT,
        AT,
        UUID.randomUUID(),
        OrderStatus.PENDING,
        OrderStatus.CONFIRMED,
        "user:1");
  }

  private void publish(OrderEvent... events) {
    send(
        Arrays.stream(events)
            .map(
                event ->
                    new ProducerRecord<>(
                        Topics.ORDERS_EVENTS,
                        String.valueOf(event.orderId()),
                        MessageJson.write(event)))
            .toArray(ProducerRecord[]::new));
  }

  @SafeVarargs
  private void send(ProducerRecord<String, byte[]>... records) {
    Map<String, Object> config = new HashMap<>(kafka);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      for (ProducerRecord<String, byte[]> record : records) {
        producer.send(record);
      }
      producer.flush();
    }
  }

  /** The dead letter with this key on orders.events.dlq, read from its beginning. */
  private ConsumerRecord<String, byte[]> deadLetterOf(String key) {
    Map<String, Object> config = new HashMap<>(kafka);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-reader-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.deadLetterOf(Topics.ORDERS_EVENTS)));
      List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(found::add);
                return found.stream().anyMatch(r -> key.equals(r.key()));
              });
      return found.stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow();
    }
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    return new String(record.headers().lastHeader(name).value(), UTF_8);
  }

  private static void awaitStatus(long order, String status) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                get(order).extract().statusCode() == 200
                    && status.equals(get(order).extract().path("status")));
  }

  private static io.restassured.response.ValidatableResponse get(long order) {
    return given()
        .auth()
        .oauth2(OrderApiClient.token(USER, "customer"))
        .get("/api/v1/orders/" + order)
        .then();
  }
}
