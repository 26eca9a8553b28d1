package io.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderflow.stack.ServiceProcess;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The crash windows that matter, hit on purpose with the fault hook ({@code
 * orderflow.fault.crash-at}): the worker halted after its database commit and before its publish,
 * after its publish and before its offset commit, and order-api's projection halted after its
 * read-model commit and before its offsets are acknowledged. Each test asserts that its window was
 * hit, then that the restarted stack decided every order once and agrees with the worker ({@link
 * StackAudit}).
 */
class CrashWindowTest {
  private static final Duration SETTLE = Duration.ofSeconds(60);
  private static final int LATER_ORDERS = 8;

  /** The restarted member gets its killed predecessor's partitions after 6 s, not 45. */
  private static final Map<String, String> QUICK_SESSION =
      Map.of("kafka.session.timeout.ms", "6000");

  private static IsolatedStack stack;
  private static ServiceProcess api;
  private static final Map<Long, Integer> initialStock = new HashMap<>();
  private static Long plenty; // created once the worker has created its schema
  private static long nextUser = 70_000;
  private static final ExecutorService clients = Executors.newFixedThreadPool(LATER_ORDERS);

  @BeforeAll
  static void startStack() throws Exception {
    stack = new IsolatedStack();
    Map<String, String> config = new HashMap<>(QUICK_SESSION);
    config.put("orderflow.api.decision-wait", "PT1S");
    api = stack.start("order-api-crash-window", "order-api", config);
  }

  @AfterAll
  static void stopStack() {
    clients.shutdownNow();
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void workerHaltedAfterItsCommitBeforeItsPublishDecidesOnceAndAnnouncesTheStock()
      throws Exception {
    ServiceProcess crashing = crashingWorker("decisions-committed");
    long lamp = product("Lamp", 12);

    long user = nextUser++;
    HttpResponse<String> answer = stack.place(api, user, Map.of(lamp, 4));
    awaitHalt(crashing, "DECISIONS_COMMITTED");

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    // the window: decided in the database, not on orders.events
    long orderId = IsolatedStack.json(answer.body()).path("order_id").asLong();
    assertThat(stack.query("SELECT status FROM inventory.orders WHERE id = ?", orderId))
        .containsExactly(List.of("pending"));
    assertThat(stack.readAll("orders.events"))
        .noneMatch(r -> r.key().equals(String.valueOf(orderId)));

    recoverWithANormalWorker("decisions-committed");
    // the lamp is touched by the interrupted batch only: its level comes from the re-announcement
    assertThat(
            stack.query("SELECT on_hand, reserved FROM sales.products WHERE product_id = ?", lamp))
        .containsExactly(List.of(12, 4));
  }

  @Test
  void workerHaltedAfterItsPublishBeforeItsOffsetCommitDecidesOnce() throws Exception {
    ServiceProcess crashing = crashingWorker("events-published");
    long desk = product("Desk", 30);

    long user = nextUser++;
    HttpResponse<String> answer = stack.place(api, user, Map.of(desk, 2));
    awaitHalt(crashing, "EVENTS_PUBLISHED");

    assertThat(answer.statusCode()).as(answer.body()).isIn(200, 202);
    // the window: announced, but the command is still uncommitted for the worker's group
    long orderId = IsolatedStack.json(answer.body()).path("order_id").asLong();
    assertThat(stack.readAll("orders.events"))
        .anyMatch(r -> r.key().equals(String.valueOf(orderId)));
    assertThat(stack.lag("inventory-worker", "orders.commands")).isPositive();

    recoverWithANormalWorker("events-published");
    long decisions =
        stack.readAll("orders.events").stream()
            .filter(r -> r.key().equals(String.valueOf(orderId)))
            .count();
    assertThat(decisions).as("the redelivered command re-announced the same decision").isEqualTo(2);
  }

  @Test
  void projectionHaltedAfterItsReadModelCommitBeforeItsAckLosesNothing() throws Exception {
    ServiceProcess worker =
        stack.start("inventory-worker-for-projection", "inventory-worker", QUICK_SESSION);
    Map<String, String> config = new HashMap<>(QUICK_SESSION);
    config.put("orderflow.fault.crash-at", "order-events-applied");
    ServiceProcess crashing =
        stack.start("order-api-crash-order-events-applied", "order-api", config);

    // until the crashing instance got a partition of orders.events and applied a batch of it
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              placeConcurrently(LATER_ORDERS);
              return crashing.pid().isEmpty();
            });
    assertThat(IsolatedStack.log(crashing)).contains("fault hook: halting at ORDER_EVENTS_APPLIED");

    awaitSettled();
    worker.stop();
  }

  private static ServiceProcess crashingWorker(String step) {
    Map<String, String> config = new HashMap<>(QUICK_SESSION);
    config.put("orderflow.fault.crash-at", step);
    return stack.start("inventory-worker-crash-" + step, "inventory-worker", config);
  }

  private static void awaitHalt(ServiceProcess crashing, String step) {
    await().atMost(Duration.ofSeconds(60)).until(() -> crashing.pid().isEmpty());
    assertThat(IsolatedStack.log(crashing)).contains("fault hook: halting at " + step);
  }

  /** More orders while no worker runs, then a worker without the hook, then the audit. */
  private static void recoverWithANormalWorker(String step) throws Exception {
    placeConcurrently(LATER_ORDERS);
    ServiceProcess worker =
        stack.start("inventory-worker-after-" + step, "inventory-worker", QUICK_SESSION);
    awaitSettled();
    worker.stop();
  }

  private static void awaitSettled() {
    await()
        .atMost(SETTLE)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              assertThat(stack.count("SELECT count(*) FROM sales.orders WHERE status = 'received'"))
                  .as("orders still received")
                  .isZero();
              assertThat(StackAudit.problems(stack, initialStock)).isEmpty();
            });
  }

  /** Orders of new users for the plentiful product, all at once; each must be accepted. */
  private static void placeConcurrently(int orders) throws Exception {
    if (plenty == null) {
      plenty = product("Plenty", 10_000);
    }
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < orders; i++) {
      long user = nextUser++;
      answers.add(
          CompletableFuture.supplyAsync(() -> stack.place(api, user, Map.of(plenty, 1)), clients));
    }
    answers.forEach(
        answer -> assertThat(answer.join().statusCode()).as(answer.join().body()).isIn(200, 202));
  }

  private static long product(String name, int onHand) throws Exception {
    long id = stack.product(name, "3.00", onHand);
    initialStock.put(id, onHand);
    return id;
  }
}
