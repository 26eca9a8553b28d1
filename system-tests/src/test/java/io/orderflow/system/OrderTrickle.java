package io.orderflow.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A checkout trickle against {@code deploy/local/run}: one order at a time, a quarter second apart,
 * each from a new customer (so no customer cap is reached) with its own {@code Idempotency-Key},
 * sent again with the same key after no answer, a 5xx or a 409 until it gets a final answer or
 * {@link RetryingClients#GIVE_UP_AFTER} passes.
 */
final class OrderTrickle implements AutoCloseable {
  private static final Duration INTERVAL = Duration.ofMillis(250);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /** An order's final answer (-1: none), its id when accepted, and when it was first sent. */
  record Placed(long orderId, int status, Instant firstSent) {
    boolean accepted() {
      return status == 200 || status == 202;
    }
  }

  private final LocalRun stack;
  private final String body;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final List<Placed> placed = Collections.synchronizedList(new ArrayList<>());
  private long nextCustomer = 1_000_000;

  OrderTrickle(LocalRun stack, long productId) {
    this.stack = stack;
    this.body = OrderBodies.json(Map.of(productId, 1));
  }

  OrderTrickle start() {
    scheduler.scheduleWithFixedDelay(this::placeOne, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  List<Placed> placed() {
    synchronized (placed) {
      return List.copyOf(placed);
    }
  }

  /** Stops placing orders once the one under way has its answer. */
  @Override
  public void close() throws InterruptedException {
    scheduler.shutdown();
    if (!scheduler.awaitTermination(
        RetryingClients.GIVE_UP_AFTER.plusSeconds(30).toSeconds(), TimeUnit.SECONDS)) {
      scheduler.shutdownNow();
    }
  }

  private void placeOne() {
    long customer = nextCustomer++;
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/api/v1/orders/"))
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + stack.token(customer, "customer"))
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    Instant first = Instant.now();
    for (int attempt = 0; ; attempt++) {
      HttpResponse<String> answer = send(request);
      int status = answer == null ? -1 : answer.statusCode();
      boolean givingUp =
          Duration.between(first, Instant.now()).compareTo(RetryingClients.GIVE_UP_AFTER) > 0;
      if (!RetryingClients.retryable(status)
          || givingUp
          || Thread.currentThread().isInterrupted()) {
        long id =
            status == 200 || status == 202
                ? IsolatedStack.json(answer.body()).path("order_id").asLong()
                : 0;
        placed.add(new Placed(id, status, first));
        return;
      }
      LockSupport.parkNanos(
          Duration.ofMillis(Math.min(2000, 250L << Math.min(attempt, 3))).toNanos());
    }
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
