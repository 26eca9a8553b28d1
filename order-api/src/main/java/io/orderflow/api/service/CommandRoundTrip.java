package io.orderflow.api.service;

import io.orderflow.api.config.OrderApiConfig;
import io.orderflow.api.domain.DependencyUnavailableException;
import io.orderflow.api.messaging.ReadModelListener;
import io.orderflow.api.messaging.ReadModelListener.Awaited;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How order-api asks the worker, the single writer, for anything: publish the command, then wait at
 * most {@code orderflow.api.decision-wait}, holding no thread, for its outcome to reach the read
 * model. Blocking callers await the returned Uni at their edge.
 */
@ApplicationScoped
public class CommandRoundTrip {
  private final ReadModelListener changes;
  private final OrderApiConfig config;

  CommandRoundTrip(ReadModelListener changes, OrderApiConfig config) {
    this.changes = changes;
    this.config = config;
  }

  /**
   * The outcome read under {@code key}, or empty when it did not arrive within the wait; fails with
   * {@link DependencyUnavailableException} when Kafka did not take the command.
   */
  public <T> Uni<Optional<T>> publishAndAwait(
      Uni<Void> publish, String key, Supplier<Optional<T>> outcome) {
    return publishAndAwait(publish, new Awaited<>(key, outcome));
  }

  /**
   * As {@link #publishAndAwait(Uni, String, Supplier)}, taking the outcome as {@code awaited} says.
   */
  public <T> Uni<Optional<T>> publishAndAwait(Uni<Void> publish, Awaited<T> awaited) {
    return publishAndAwaitAll(publish, List.of(awaited)).map(outcomes -> outcomes.get(0));
  }

  /** Several commands published together: one outcome per awaited key, in order. */
  public <T> Uni<List<Optional<T>>> publishAndAwaitAll(
      Uni<Void> publish, List<Awaited<T>> awaited) {
    return changes.outcomesAfter(publish, config.decisionWait(), awaited);
  }
}
