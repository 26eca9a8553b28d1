package io.orderflow.api.service;

import io.orderflow.api.config.OrderApiConfig;
import io.orderflow.api.domain.DependencyUnavailableException;
import io.orderflow.api.persistence.IdempotencyKeys;
import io.orderflow.api.persistence.IdempotencyKeys.KeyClaim;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stores {@code Idempotency-Key}s in batches: the claims that arrive while one commit runs share
 * the next one. Keyed orders so cost one commit per batch instead of one each, and they reach Kafka
 * together as unkeyed ones do, which keeps the worker's and the projection's batches full (ADR
 * 017). The commits run on a thread of their own, never on the request pool they would wait for.
 */
@ApplicationScoped
class KeyClaims {
  private final IdempotencyKeys keys;
  private final Duration wait;
  private final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();
  private final ExecutorService committer =
      Executors.newSingleThreadExecutor(task -> new Thread(task, "idempotency-key-claims"));
  private final Coalescing batches = new Coalescing(committer, this::claimWaiting);

  KeyClaims(IdempotencyKeys keys, OrderApiConfig config) {
    this.keys = keys;
    this.wait = config.publishTimeout();
  }

  /**
   * Stores the key, committed when this returns; false when it was taken meanwhile (a concurrent
   * request with the same key), which then stands for that request's order.
   */
  boolean claim(KeyClaim claim) {
    Waiting request = new Waiting(claim, new CompletableFuture<>());
    waiting.add(request);
    batches.wake();
    try {
      return request.stored().get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException failure
          ? failure
          : new DependencyUnavailableException("database", e.getCause());
    } catch (TimeoutException e) {
      // the key may still be stored later: a retry then finds it and publishes its order
      throw new DependencyUnavailableException("database", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DependencyUnavailableException("database", e);
    }
  }

  private void claimWaiting() {
    List<Waiting> batch = new ArrayList<>();
    for (Waiting next = waiting.poll(); next != null; next = waiting.poll()) {
      batch.add(next);
    }
    if (batch.isEmpty()) {
      return;
    }
    try {
      Set<Long> stored = keys.claimAll(batch.stream().map(Waiting::claim).toList());
      batch.forEach(w -> w.stored().complete(stored.contains(w.claim().order().orderId())));
    } catch (RuntimeException e) {
      batch.forEach(w -> w.stored().completeExceptionally(e));
    }
  }

  @PreDestroy
  void stop() {
    committer.shutdown();
  }

  private record Waiting(KeyClaim claim, CompletableFuture<Boolean> stored) {}
}
