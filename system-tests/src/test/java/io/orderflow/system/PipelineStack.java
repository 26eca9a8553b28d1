package io.orderflow.system;

import io.orderflow.stack.DevTokens;
import io.orderflow.stack.Infrastructure;
import io.orderflow.stack.ServiceProcess;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole pipeline as it runs in production, once per test JVM: real Kafka, PostgreSQL and Redis,
 * one inventory-worker and two order-api instances behind different ports.
 */
final class PipelineStack {
  private static final Duration READY_WITHIN = Duration.ofSeconds(90);
  private static PipelineStack instance;

  final Infrastructure infrastructure;
  final ServiceProcess worker;
  final ServiceProcess apiA;
  final ServiceProcess apiB;

  static synchronized PipelineStack get() throws Exception {
    if (instance == null) {
      instance = new PipelineStack();
      Runtime.getRuntime().addShutdownHook(new Thread(instance::close));
    }
    return instance;
  }

  private PipelineStack() throws Exception {
    infrastructure = Infrastructure.forTests();
    Map<String, String> config = new HashMap<>(infrastructure.quarkusConfig());
    // generous, so that a loaded 2-core machine still decides within the wait
    config.put("orderflow.api.decision-wait", "PT30S");
    worker = start("inventory-worker", config);
    apiA = start("order-api", config);
    apiB = start("order-api", config);
  }

  private static ServiceProcess start(String module, Map<String, String> config) throws Exception {
    ServiceProcess service = new ServiceProcess(module, module, freePort(), config);
    service.start();
    service.waitUntilReady(READY_WITHIN);
    return service;
  }

  List<ServiceProcess> apis() {
    return List.of(apiA, apiB);
  }

  String token(long userId, String role) {
    return DevTokens.mint(
        Path.of(infrastructure.quarkusConfig().get("smallrye.jwt.sign.key.location")),
        userId,
        role,
        Duration.ofMinutes(30));
  }

  long product(String name, String price, int onHand) throws SQLException {
    try (Connection c = infrastructure.jdbc();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO inventory.products (name, price, on_hand) VALUES (?, ?, ?)"
                    + " RETURNING id")) {
      insert.setString(1, name);
      insert.setBigDecimal(2, new BigDecimal(price));
      insert.setInt(3, onHand);
      try (ResultSet rs = insert.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** {on_hand, reserved} of a product. */
  int[] stock(long productId) throws SQLException {
    try (Connection c = infrastructure.jdbc();
        PreparedStatement select =
            c.prepareStatement("SELECT on_hand, reserved FROM inventory.products WHERE id = ?")) {
      select.setLong(1, productId);
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        return new int[] {rs.getInt(1), rs.getInt(2)};
      }
    }
  }

  private void close() {
    for (ServiceProcess service : List.of(apiB, apiA, worker)) {
      service.stop();
    }
    infrastructure.close();
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
