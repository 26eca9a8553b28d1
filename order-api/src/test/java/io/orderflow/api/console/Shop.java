package io.orderflow.api.console;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.orderflow.api.OrderApiClient;
import io.orderflow.api.StandInDecider;
import io.orderflow.model.DeadLetters;
import io.orderflow.model.MessageJson;
import io.orderflow.model.OrderChangeRefused;
import io.orderflow.model.OrderStatus;
import io.orderflow.model.OrderStatusChangeRequested;
import io.orderflow.model.OrderStatusChanged;
import io.orderflow.model.ProductStockChanged;
import io.orderflow.model.Topics;
import io.orderflow.stack.InfrastructureTestResource;
import io.restassured.http.ContentType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The world around the pages under test: customers registered and ordering over REST, a stand-in
 * worker deciding their orders and answering status changes, and stock levels announced on Kafka as
 * the worker announces them.
 */
final class Shop implements AutoCloseable {
  static final String ADMIN_EMAIL = "admin@orderflow.test";
  static final String ADMIN_PASSWORD = "test-admin-password";
  static final String PASSWORD = "correct horse battery";

  private final Map<String, Object> kafka =
      InfrastructureTestResource.infrastructure().kafkaClientConfig();
  private final StandInDecider worker = new StandInDecider(kafka);
  private final KafkaProducer<String, byte[]> producer =
      new KafkaProducer<>(kafka, new StringSerializer(), new ByteArraySerializer());

  record Customer(long id, String email) {}

  /** A new customer whose orders the stand-in worker reserves. */
  Customer customer() {
    String email = "shopper-" + UUID.randomUUID() + "@example.test";
    long id =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("email", email, "password", PASSWORD, "full_name", "Console Shopper"))
            .post("/api/v1/auth/register")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getLong("id");
    worker.deciding(id, StandInDecider::reserved);
    return new Customer(id, email);
  }

  /** A pending order of the customer, shipped to that first address line. */
  long pendingOrder(Customer customer, long productId, String addressLine1) {
    Map<String, Object> body = new HashMap<>();
    body.put("shipping_address_line1", addressLine1);
    body.put("shipping_city", "Springfield");
    body.put("shipping_state", "IL");
    body.put("shipping_postal_code", "62701");
    body.put("shipping_country", "US");
    body.put("order_items", List.of(Map.of("product_id", productId, "quantity", 2)));
    return given()
        .auth()
        .oauth2(token(customer))
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/orders/")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getLong("order_id");
  }

  /**
   * The stand-in worker answers status changes of this pending order as the worker would: a legal
   * move is applied, any other refused naming both states.
   */
  void answersChanges(long orderId, Customer customer) {
    worker.answeringChanges(
        orderId,
        command -> {
          OrderStatus wanted = ((OrderStatusChangeRequested) command).status();
          return OrderStatus.PENDING.canMoveTo(wanted)
              ? new OrderStatusChanged(
                  orderId,
                  2,
                  customer.id(),
                  Instant.now(),
                  Instant.now(),
                  command.commandId(),
                  OrderStatus.PENDING,
                  wanted,
                  command.actor())
              : new OrderChangeRefused(
                  orderId,
                  1,
                  customer.id(),
                  Instant.now(),
                  Instant.now(),
                  command.commandId(),
                  OrderStatus.PENDING,
                  OrderChangeRefused.Reason.ILLEGAL_TRANSITION,
                  "Cannot change status from pending to " + wanted.wireName());
        });
  }

  /** An admin asks for that status over REST (the stand-in worker answers as told). */
  void changeStatusAsAdmin(long orderId, String status) {
    given()
        .auth()
        .oauth2(OrderApiClient.token(1, "admin"))
        .contentType(ContentType.JSON)
        .body(Map.of("status", status))
        .put("/api/v1/orders/" + orderId + "/status")
        .then()
        .statusCode(200);
  }

  /**
   * A well-formed status change on {@code orders.commands.dlq}, as the worker leaves one it gave up
   * on: replaying it republishes it, keyed by its order id.
   */
  void deadLetteredStatusChange(long orderId) {
    byte[] command =
        MessageJson.write(
            new OrderStatusChangeRequested(
                orderId, UUID.randomUUID(), OrderStatus.CONFIRMED, "user:1", Instant.now()));
    producer.send(
        DeadLetters.letterFor(
            new ConsumerRecord<>(Topics.ORDERS_COMMANDS, 0, 0L, String.valueOf(orderId), command),
            "the worker gave up on it"));
    producer.flush();
  }

  /** Announces the product's stock as the worker does, and waits until the catalog shows it. */
  void stock(long productId, String name, int onHand, int reserved) {
    var level =
        new ProductStockChanged(
            productId,
            name,
            null,
            new BigDecimal("2.50"),
            onHand,
            reserved,
            10,
            Instant.now(),
            null);
    producer.send(
        new ProducerRecord<>(
            Topics.INVENTORY_EVENTS, String.valueOf(productId), MessageJson.write(level)));
    producer.flush();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Integer.valueOf(reserved).equals(catalogReserved(productId)));
  }

  private static Integer catalogReserved(long productId) {
    return given()
        .auth()
        .oauth2(OrderApiClient.token(1, "customer"))
        .get("/api/v1/products/" + productId)
        .then()
        .extract()
        .path("reserved");
  }

  private static String token(Customer customer) {
    return OrderApiClient.token(customer.id(), "customer");
  }

  @Override
  public void close() throws InterruptedException {
    producer.close();
    worker.close();
  }
}
