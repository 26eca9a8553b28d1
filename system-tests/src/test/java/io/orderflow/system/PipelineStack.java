package io.orderflow.system;

import static io.restassured.RestAssured.given;

import io.orderflow.stack.ServiceProcess;
import io.orderflow.stack.ServiceUser;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole pipeline as it runs in production, shared by the test classes that do not break it:
 * real Kafka, PostgreSQL and Redis, one inventory-worker and two order-api instances.
 */
final class PipelineStack {
  private static PipelineStack instance;

  private final IsolatedStack parts;
  final ServiceProcess worker;
  final ServiceProcess apiA;
  final ServiceProcess apiB;

  static synchronized PipelineStack get() {
    if (instance == null) {
      instance = new PipelineStack();
      Runtime.getRuntime().addShutdownHook(new Thread(instance.parts::close));
    }
    return instance;
  }

  private PipelineStack() {
    parts = new IsolatedStack();
    // generous, so that a loaded 2-core machine still decides within the wait
    Map<String, String> api = Map.of("orderflow.api.decision-wait", "PT30S");
    worker = parts.start("inventory-worker", "inventory-worker", Map.of());
    apiA = parts.start("order-api-a", "order-api", api);
    apiB = parts.start("order-api-b", "order-api", api);
  }

  /**
   * Starts one more service on this stack for a test that needs a process the stack does not run by
   * default (another configuration, the notifier); it stops with the stack.
   */
  ServiceProcess add(String name, String module, Map<String, String> config) {
    return parts.start(name, module, config);
  }

  /** A Kafka client's configuration as the super user. */
  Map<String, Object> kafkaClientConfig() {
    return parts.infrastructure.kafkaClientConfig();
  }

  /** A Kafka client's configuration as a service's own user, with only its rights. */
  Map<String, Object> kafkaClientConfigAs(ServiceUser user) {
    Map<String, Object> config = new HashMap<>(kafkaClientConfig());
    config.putAll(parts.infrastructure.kafkaUsers().orElseThrow().of(user).clientConfig());
    return config;
  }

  long count(String sql, Object... parameters) throws SQLException {
    return parts.count(sql, parameters);
  }

  void awaitOneNotification(long orderId) {
    parts.awaitOneNotification(orderId);
  }

  List<ServiceProcess> apis() {
    return List.of(apiA, apiB);
  }

  String token(long userId, String role) {
    return parts.token(userId, role);
  }

  /** A JSON request to {@code api} as that user. */
  RequestSpecification as(ServiceProcess api, long userId, String role) {
    return given()
        .baseUri(api.baseUrl())
        .auth()
        .oauth2(token(userId, role))
        .contentType(ContentType.JSON);
  }

  /** Places an order of {@code quantity} of one product and returns its id, decided (200). */
  long placeDecided(ServiceProcess api, long customer, long product, int quantity) {
    return placed(
        as(api, customer, "customer")
            .body(OrderBodies.order(List.of(OrderBodies.line(product, quantity)))));
  }

  /** The id of the order {@code request} placed, answered 200 (decided). */
  static long placed(RequestSpecification request) {
    return request
        .post("/api/v1/orders/")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getLong("order_id");
  }

  long product(String name, String price, int onHand) throws SQLException {
    return parts.product(name, price, onHand);
  }

  /** Runs a statement as the database's superuser, e.g. to break or fix a service's schema. */
  void execute(String sql) throws SQLException {
    try (Connection c = parts.infrastructure.jdbc();
        Statement statement = c.createStatement()) {
      statement.execute(sql);
    }
  }

  /** {on_hand, reserved} of a product. */
  int[] stock(long productId) throws SQLException {
    List<Object> row =
        parts
            .query("SELECT on_hand, reserved FROM inventory.products WHERE id = ?", productId)
            .get(0);
    return new int[] {(Integer) row.get(0), (Integer) row.get(1)};
  }
}
