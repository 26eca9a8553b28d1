package io.orderflow.system;

import io.orderflow.stack.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checkout clients at a steady rate, as a careful shop would write them: every order has its own
 * user and {@code Idempotency-Key}, and is sent again with the same key and body, to the other
 * order-api instance, after a timeout, a connection error, a 5xx or a 409 (the first attempt still
 * in flight), after {@code Retry-After} or a doubling pause, until it gets a final answer or gives
 * up. At most {@value #IN_FLIGHT} checkouts are under way at once (a shop has so many customers at
 * the till): while that many wait, new orders are not started, so an outage does not turn into a
 * retry storm that the recovered stack must dig itself out of.
 */
final class RetryingClients {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  // longer than a broker takes to come back here (about 70 s on two cores): a client that retries
  // with its key never needs to give up on an order
  static final Duration GIVE_UP_AFTER = Duration.ofSeconds(150);
  private static final long BACKOFF_MILLIS = 250;
  private static final long MAX_BACKOFF_MILLIS = 2000;
  private static final long TICK_MILLIS = 10;
  private static final int IN_FLIGHT = 64;

  /**
   * One answer (status -1: no answer, i.e. a timeout or a connection error), when it was asked and
   * answered, and the order and body of a final answer (200, 202, 400).
   */
  record Attempt(int status, long startedNanos, long answeredNanos, long orderId, String body) {}

  /** One order: its user (one per order), key, body and every attempt. */
  static final class Order {
    final long userId;
    final String key = UUID.randomUUID().toString();
    final String token;
    final String body;
    final long firstNanos = System.nanoTime();
    final List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
    volatile Attempt last;
    volatile boolean done;

    Order(long userId, String token, String body) {
      this.userId = userId;
      this.token = token;
      this.body = body;
    }

    /** The final answer, or null when the client gave up. */
    Attempt answer() {
      return done && last != null && last.status() != -1 && !retryable(last.status()) ? last : null;
    }
  }

  private final IsolatedStack stack;
  private final List<ServiceProcess> apis;
  private final List<Long> products;
  private final Random random = new Random(7);
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private final Map<Long, Order> orders = new ConcurrentHashMap<>();
  private final Semaphore tills = new Semaphore(IN_FLIGHT);
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicInteger notStarted = new AtomicInteger();
  private long nextUser;

  RetryingClients(
      IsolatedStack stack, List<ServiceProcess> apis, List<Long> products, long firstUser) {
    this.stack = stack;
    this.apis = apis;
    this.products = products;
    this.nextUser = firstUser;
  }

  /** Starts sending {@code perSecond} new orders a second until {@link #stopSending()}. */
  void start(int perSecond) {
    double perTick = perSecond * TICK_MILLIS / 1000.0;
    double[] due = {0};
    scheduler.scheduleAtFixedRate(
        () -> {
          due[0] += perTick;
          for (; due[0] >= 1; due[0]--) {
            if (!tills.tryAcquire()) {
              notStarted.incrementAndGet();
              continue;
            }
            long user = nextUser++;
            Order order = new Order(user, stack.token(user), OrderBodies.json(lines()));
            orders.put(order.userId, order);
            pending.incrementAndGet();
            attempt(order, 0);
          }
        },
        0,
        TICK_MILLIS,
        TimeUnit.MILLISECONDS);
  }

  int sent() {
    return orders.size();
  }

  /** Orders due while every till was busy, so never sent. */
  int notStarted() {
    return notStarted.get();
  }

  /** Stops new orders; orders under way go on until answered or given up. */
  void stopSending() {
    scheduler.shutdown();
  }

  boolean allDone() {
    return pending.get() == 0;
  }

  List<Order> orders() {
    return new ArrayList<>(orders.values());
  }

  static boolean retryable(int status) {
    return status == -1 || status == 409 || status >= 500;
  }

  private void attempt(Order order, int n) {
    ServiceProcess api = apis.get((int) ((order.userId + n) % apis.size()));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/v1/orders/"))
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + order.token)
            .header("Idempotency-Key", order.key)
            .POST(HttpRequest.BodyPublishers.ofString(order.body))
            .build();
    long started = System.nanoTime();
    CompletableFuture<HttpResponse<String>> sent =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    sent.whenComplete(
        (response, failure) -> {
          Attempt attempt =
              failure != null
                  ? new Attempt(-1, started, System.nanoTime(), 0, null)
                  : answered(response, started);
          order.attempts.add(attempt);
          order.last = attempt;
          long elapsed = System.nanoTime() - order.firstNanos;
          if (retryable(attempt.status()) && elapsed < GIVE_UP_AFTER.toNanos()) {
            CompletableFuture.delayedExecutor(pause(response, n), TimeUnit.MILLISECONDS)
                .execute(() -> attempt(order, n + 1));
          } else {
            order.done = true;
            pending.decrementAndGet();
            tills.release();
          }
        });
  }

  /** {@code Retry-After} when the server said, else 250 ms doubling up to 2 s. */
  private static long pause(HttpResponse<String> response, int n) {
    return Optional.ofNullable(response)
        .flatMap(r -> r.headers().firstValue("Retry-After"))
        .map(seconds -> Long.parseLong(seconds) * 1000)
        .orElse(Math.min(MAX_BACKOFF_MILLIS, BACKOFF_MILLIS << Math.min(n, 4)));
  }

  private static Attempt answered(HttpResponse<String> response, long started) {
    int status = response.statusCode();
    long answered = System.nanoTime();
    if (status != 200 && status != 202 && status != 400) {
      return new Attempt(status, started, answered, 0, null);
    }
    long orderId = IsolatedStack.json(response.body()).path("order_id").asLong();
    return new Attempt(status, started, answered, orderId, response.body());
  }

  /** One or two lines; one order in twenty asks for the scarce product (the first). */
  private synchronized Map<Long, Integer> lines() {
    Map<Long, Integer> lines = new TreeMap<>();
    if (random.nextInt(20) == 0) {
      lines.put(products.get(0), 1 + random.nextInt(3));
    }
    int count = 1 + random.nextInt(2);
    for (int i = 0; i < count; i++) {
      lines.merge(products.get(1 + random.nextInt(products.size() - 1)), 1, Integer::sum);
    }
    return lines;
  }
}
