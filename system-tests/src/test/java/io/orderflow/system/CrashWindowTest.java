package io.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.orderflow.stack.ServiceProcess;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The crash windows that matter, hit on purpose with the fault hook ({@code
 * orderflow.fault.crash-at}): the worker halted after its database commit and before its publish,
 * after its publish and before its offset commit; order-api's intake halted after it claimed an
 * {@code Idempotency-Key}, after it published the order and before it answered; order-api's
 * projection halted after its read-model commit and before its offsets are acknowledged; the
 * notifier halted after it stored notifications and before its offset commit. Each test asserts
 * that its window was hit, then that the restarted stack decided every order once, notified each
 * version once and agrees with the worker ({@link StackAudit}).
 */
class CrashWindowTest {
  private static final Duration SETTLE = Duration.ofSeconds(60);
  private static final int LATER_ORDERS = 8;

  /** The restarted member gets its killed predecessor's partitions after 6 s, not 45. */
  private static final Map<String, String> QUICK_SESSION =
      Map.of("kafka.session.timeout.ms", "6000");

  private static IsolatedStack stack;
  private static ServiceProcess api;
  private static ServiceProcess notifier;
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
    notifier = stack.start("notification-consumer", "notification-consumer", QUICK_SESSION);
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
    ServiceProcess crashing = crashing("inventory-worker", "decisions-committed");
    long lamp = product("Lamp", 12);

    long user = nextUser++;
    HttpResponse<String> answer = stack.place(api, user, Map.of(lamp, 4));
    awaitHalt(crashing, "decisions-committed");

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
    ServiceProcess crashing = crashing("inventory-worker", "events-published");
    long desk = product("Desk", 30);

    long user = nextUser++;
    HttpResponse<String> answer = stack.place(api, user, Map.of(desk, 2));
    awaitHalt(crashing, "events-published");

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
    ServiceProcess crashing = crashing("order-api", "order-events-applied");

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

  /**
   * A client whose first attempt died with the instance (no answer) retries with its key at the
   * other instance and gets the one order the key stands for, decided once.
   */
  @ParameterizedTest
  @ValueSource(strings = {"key-claimed", "command-published", "answer-ready"})
  void orderApiHaltedAtIntakeAnswersTheRetryWithTheOneOrderOfTheKey(String step) throws Exception {
    ServiceProcess worker =
        stack.start("inventory-worker-for-" + step, "inventory-worker", QUICK_SESSION);
    ServiceProcess crashing = crashing("order-api", step);
    long chair = product("Chair " + step, 20);
    long user = nextUser++;
    String key = UUID.randomUUID().toString();
    String body = OrderBodies.json(Map.of(chair, 2));

    assertThatThrownBy(() -> stack.send(keyed(crashing, user, key, body)))
        .as("the instance halted before it answered")
        .isInstanceOf(UncheckedIOException.class);
    awaitHalt(crashing, step);
    assertThat(
            stack.readAll("orders.commands").stream()
                .anyMatch(r -> r.value().path("user_id").asLong() == user))
        .as("the command was published before the halt")
        .isEqualTo(!step.equals("key-claimed"));

    HttpResponse<String> retry = stack.send(keyed(api, user, key, body));
    assertThat(retry.statusCode()).as(retry.body()).isIn(200, 202);
    long orderId = IsolatedStack.json(retry.body()).path("order_id").asLong();
    awaitSettled();
    assertThat(stack.query("SELECT id, status FROM inventory.orders WHERE user_id = ?", user))
        .as("the one order of the key")
        .containsExactly(List.of(orderId, "pending"));
    assertThat(stack.query("SELECT order_id FROM sales.idempotency_keys WHERE user_id = ?", user))
        .containsExactly(List.of(orderId));
    worker.stop();
  }

  @Test
  void notifierHaltedAfterItsInsertBeforeItsOffsetCommitNotifiesOnce() throws Exception {
    ServiceProcess worker =
        stack.start("inventory-worker-for-notifier", "inventory-worker", QUICK_SESSION);
    notifier.stop();
    Map<String, String> config = new HashMap<>(QUICK_SESSION);
    config.put("orderflow.fault.crash-at", "notifications-stored");
    ServiceProcess crashing =
        stack.start(
            "notification-consumer-crash-notifications-stored", "notification-consumer", config);

    placeConcurrently(LATER_ORDERS);
    awaitHalt(crashing, "notifications-stored");
    // the window: notified, but the events are still uncommitted for the notifier's group
    assertThat(stack.count("SELECT count(*) FROM notification.sent_notifications")).isPositive();
    assertThat(stack.lag("notification-consumer", "orders.events")).isPositive();

    notifier =
        stack.start("notification-consumer-after-crash", "notification-consumer", QUICK_SESSION);
    awaitSettled();
    worker.stop();
  }

  private static HttpRequest keyed(ServiceProcess to, long user, String key, String body) {
    return HttpRequest.newBuilder(stack.placeRequest(to, stack.token(user), body), (n, v) -> true)
        .header("Idempotency-Key", key)
        .build();
  }

  /** A new instance of {@code module} whose fault hook halts it at {@code step}. */
  private static ServiceProcess crashing(String module, String step) {
    Map<String, String> config = new HashMap<>(QUICK_SESSION);
    config.put("orderflow.fault.crash-at", step);
    return stack.start(module + "-crash-" + step, module, config);
  }

  /** Until the instance halted at {@code step} (as configured, e.g. {@code key-claimed}). */
  private static void awaitHalt(ServiceProcess crashing, String step) {
    await().atMost(Duration.ofSeconds(60)).until(() -> crashing.pid().isEmpty());
    assertThat(IsolatedStack.log(crashing))
        .contains("fault hook: halting at " + step.toUpperCase(Locale.ROOT).replace('-', '_'));
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
