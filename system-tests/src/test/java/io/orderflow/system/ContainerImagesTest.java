package io.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The three images (deploy/images/build) run as their pods run them, against this test's own Kafka,
 * PostgreSQL and Redis: an order placed through the containerised order-api is decided by the
 * containerised worker and notified by the containerised notifier; every process inside runs as the
 * image's non-root user and the root filesystem cannot be written. Skipped where podman or the
 * images are missing; CI builds them first (docs/decisions/029).
 */
class ContainerImagesTest {
  private static final List<String> MODULES =
      List.of("inventory-worker", "notification-consumer", "order-api");

  /** Generous, so that a loaded 2-core machine still decides within the wait. */
  private static final Map<String, Map<String, String>> CONFIG =
      Map.of("order-api", Map.of("orderflow.api.decision-wait", "PT30S"));

  private static final long CUSTOMER = 7101;

  private static final List<ServiceContainer> containers = new ArrayList<>();
  private static IsolatedStack stack;
  private static ServiceContainer api;

  @BeforeAll
  static void startImages() {
    skipUnless(Podman.installed(), "podman is not installed (deploy/images/setup-host)");
    List<String> images = new ArrayList<>();
    for (String module : MODULES) {
      Optional<String> image = ServiceContainer.builtImage(module);
      skipUnless(image.isPresent(), "podman has no image of " + module + " (deploy/images/build)");
      images.add(image.get());
    }
    ServiceContainer.removeLeftovers();
    stack = new IsolatedStack();
    for (int i = 0; i < MODULES.size(); i++) {
      String module = MODULES.get(i);
      containers.add(
          ServiceContainer.run(
              stack.configured(module + "-image", module, CONFIG.getOrDefault(module, Map.of())),
              images.get(i)));
    }
    // all three start at once; none needs another to become ready
    for (ServiceContainer container : containers) {
      container.waitUntilReady(IsolatedStack.READY_WITHIN);
    }
    api = containers.get(MODULES.indexOf("order-api"));
  }

  /** Surefire shows no reason for a class skipped before its tests, so this prints it. */
  private static void skipUnless(boolean condition, String reason) {
    if (!condition) {
      System.out.println("ContainerImagesTest skipped: " + reason);
    }
    assumeTrue(condition, reason);
  }

  @AfterAll
  static void removeContainers() {
    RuntimeException failure = null;
    for (ServiceContainer container : containers) {
      try {
        container.close();
      } catch (RuntimeException e) {
        // the others are removed all the same
        failure = failure == null ? e : failure;
      }
    }
    if (stack != null) {
      stack.close();
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Test
  void orderPlacedThroughTheApiImageIsDecidedByTheWorkerImageAndNotified() throws Exception {
    long product = stack.product("Containerised Widget", "12.50", 5);

    HttpResponse<String> placed = stack.place(api.service(), CUSTOMER, Map.of(product, 2));

    assertThat(placed.statusCode()).as(placed.body()).isEqualTo(200);
    JsonNode order = IsolatedStack.json(placed.body());
    assertThat(order.get("status").asText()).isEqualTo("pending");
    assertThat(order.get("total_amount").decimalValue()).isEqualByComparingTo("25.00");
    assertThat(
            stack.query("SELECT on_hand, reserved FROM inventory.products WHERE id = ?", product))
        .containsExactly(List.of(5, 2));
    long orderId = order.get("order_id").asLong();
    stack.awaitOneNotification(orderId);
  }

  @Test
  void everyProcessRunsAsTheImagesNonRootUserOnAReadOnlyRoot() {
    for (ServiceContainer container : containers) {
      // uid 185 (deploy/images/build-base), the Jib setting quarkus.jib.user
      assertThat(container.processUsers()).as(container.name()).isNotEmpty().containsOnly("jboss");

      Podman.Result asRoot = container.exec("0", "touch", "/probe");
      assertThat(asRoot.exitCode()).as(container.name()).isNotZero();
      assertThat(asRoot.err()).as(container.name()).contains("Read-only file system");

      assertThat(container.exec("185", "touch", "/tmp/probe").ok()).as(container.name()).isTrue();
    }
  }
}
