package io.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderflow.stack.StackStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 21: {@code deploy/local/run} as a user starts it keeps every process running. Each of its
 * six processes is killed with -9 under a trickle of orders; it must run again within a minute, the
 * launcher's output must name the death and the restart, and every order must be decided. A process
 * that dies on every start ends the launcher instead of a restart loop.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackSupervisionTest {
  private static final Duration BACK_WITHIN = Duration.ofSeconds(60);
  private static final Map<String, Duration> KILL_TO_DECISION = new LinkedHashMap<>();

  private static LocalRun stack;
  private static OrderTrickle trickle;

  @BeforeAll
  static void launch() throws Exception {
    stack = LocalRun.start(Duration.ofMinutes(5));
    trickle = new OrderTrickle(stack, plentifulProduct()).start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (trickle != null) {
      trickle.close();
    }
    if (stack != null) {
      System.out.println("deploy/local/run printed:\n" + stack.output());
      stack.close();
    }
    KILL_TO_DECISION.forEach(
        (process, took) ->
            System.out.printf(
                "kill -9 of %-22s -> first order placed after it decided in %.1f s%n",
                process, took.toMillis() / 1000.0));
  }

  @Order(1)
  @ParameterizedTest(name = "kill -9 {0}")
  @ValueSource(
      strings = {
        "inventory-worker",
        "notification-consumer",
        "order-api",
        "redis",
        "postgres",
        "kafka"
      })
  void aKilledProcessRunsAgainAndOrdersAreDecided(String name) throws Exception {
    StackStatus.Process before = stack.status().process(name);
    long pid = before.pid().orElseThrow();
    awaitAnOrderDecidedSince(Instant.now());

    Instant killed = Instant.now();
    ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
    process.destroyForcibly();
    process.onExit().join();

    await()
        .atMost(BACK_WITHIN)
        .until(
            () -> {
              StackStatus.Process now = stack.status().process(name);
              return now.restarts() == before.restarts() + 1 && now.state().equals("running");
            });
    long newPid = stack.status().process(name).pid().orElseThrow();
    assertThat(ProcessHandle.of(newPid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
    assertThat(stack.output())
        .contains(name + " (pid " + pid + ") died: ")
        .contains(name + " runs again (pid " + newPid + ", restart " + (before.restarts() + 1));
    KILL_TO_DECISION.put(name, Duration.between(killed, awaitAnOrderDecidedSince(killed)));
  }

  @Order(2)
  @Test
  void everyOrderPlacedBeforeAndAfterTheKillsIsDecided() throws Exception {
    trickle.close();
    List<OrderTrickle.Placed> placed = trickle.placed();

    assertThat(placed).isNotEmpty().allSatisfy(order -> assertThat(order.accepted()).isTrue());
    List<Long> ids = placed.stream().map(OrderTrickle.Placed::orderId).toList();
    assertThat(ids).doesNotHaveDuplicates();
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(undecided(ids)).isEmpty());
  }

  @Order(3)
  @Test
  void aProcessThatDiesOnEveryStartStopsTheLauncher() throws Exception {
    StackStatus lastUp = stack.status();
    ProcessHandle worker =
        ProcessHandle.of(lastUp.process("inventory-worker").pid().orElseThrow()).orElseThrow();
    worker.destroyForcibly();
    worker.onExit().join();
    // every restart of the worker now finds its port taken, and exits at once
    try (ServerSocket squatter =
        new ServerSocket(
            stack.port("INVENTORY_WORKER_PORT"), 50, InetAddress.getLoopbackAddress())) {
      assertThat(stack.launcher().onExit().get(4, TimeUnit.MINUTES).exitValue()).isEqualTo(1);
    }

    assertThat(stack.output())
        .containsPattern("inventory-worker died \\d+ times in a row")
        .contains("giving up")
        .contains("Stopping everything.");
    assertThat(stack.status().process("inventory-worker").state()).isEqualTo("gave up");
    // a server told to stop may take a moment to exit after the launcher has
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              for (StackStatus.Process process : lastUp.processes()) {
                OptionalLong pid = process.pid();
                assertThat(pid.stream().mapToObj(ProcessHandle::of).flatMap(Optional::stream))
                    .as("%s stopped with the launcher", process.name())
                    .noneMatch(ProcessHandle::isAlive);
              }
            });
  }

  /** Waits until an order first sent after the given moment is decided; returns when it was. */
  private static Instant awaitAnOrderDecidedSince(Instant since) {
    return await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> firstDecisionOfAnOrderSentSince(since), decided -> decided != null);
  }

  private static Instant firstDecisionOfAnOrderSentSince(Instant since) throws SQLException {
    Long[] ids =
        trickle.placed().stream()
            .filter(order -> order.accepted() && order.firstSent().isAfter(since))
            .map(OrderTrickle.Placed::orderId)
            .toArray(Long[]::new);
    if (ids.length == 0) {
      return null;
    }
    try (Connection db = stack.jdbc();
        PreparedStatement query =
            db.prepareStatement("SELECT min(decided_at) FROM inventory.orders WHERE id = ANY(?)")) {
      query.setArray(1, db.createArrayOf("bigint", ids));
      try (ResultSet row = query.executeQuery()) {
        row.next();
        Timestamp first = row.getTimestamp(1);
        return first == null ? null : first.toInstant();
      }
    } catch (SQLException e) {
      return null; // PostgreSQL itself may be the process just killed
    }
  }

  /** Ids the worker has not decided, or whose decision the read model does not show yet. */
  private static List<Long> undecided(List<Long> ids) throws SQLException {
    try (Connection db = stack.jdbc();
        PreparedStatement query =
            db.prepareStatement(
                "SELECT id FROM unnest(?) AS placed(id) WHERE NOT EXISTS (SELECT 1 FROM"
                    + " inventory.orders o WHERE o.id = placed.id) OR NOT EXISTS (SELECT 1 FROM"
                    + " sales.orders s WHERE s.order_id = placed.id AND s.status <> 'received')")) {
      Array array = db.createArrayOf("bigint", ids.toArray());
      query.setArray(1, array);
      List<Long> undecided = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          undecided.add(rows.getLong(1));
        }
      }
      return undecided;
    }
  }

  /** A product created through the API as the admin, with stock for every order of the run. */
  private static long plentifulProduct() throws IOException, InterruptedException {
    HttpResponse<String> created =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/api/v1/products/"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + stack.token(1, "admin"))
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"name\":\"Supervision test widget\",\"price\":\"2.50\","
                                + "\"on_hand\":1000000}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return IsolatedStack.json(created.body()).path("product_id").asLong();
  }
}
