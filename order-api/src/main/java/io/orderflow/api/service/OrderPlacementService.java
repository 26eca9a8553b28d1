package io.orderflow.api.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.api.config.OrderApiConfig;
import io.orderflow.api.messaging.CommandPublisher;
import io.orderflow.api.messaging.ReadModelListener;
import io.orderflow.api.persistence.OrderIdAllocator;
import io.orderflow.api.persistence.OrderReadRepository;
import io.orderflow.api.persistence.ReadModelWriter;
import io.orderflow.model.OrderLine;
import io.orderflow.model.OrderPlaced;
import io.orderflow.model.ShippingAddress;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Places an order: allocate its id, publish {@link OrderPlaced} (the order is accepted once Kafka
 * acknowledged it), then wait a bounded time for the worker's decision to reach the read model.
 */
@ApplicationScoped
public class OrderPlacementService {
  private static final Logger LOG = Logger.getLogger(OrderPlacementService.class);

  private final OrderIdAllocator ids;
  private final CommandPublisher publisher;
  private final ReadModelListener changes;
  private final ReadModelWriter writer;
  private final OrderReadRepository orders;
  private final OrderApiConfig config;
  private final MeterRegistry meters;

  OrderPlacementService(
      OrderIdAllocator ids,
      CommandPublisher publisher,
      ReadModelListener changes,
      ReadModelWriter writer,
      OrderReadRepository orders,
      OrderApiConfig config,
      MeterRegistry meters) {
    this.ids = ids;
    this.publisher = publisher;
    this.changes = changes;
    this.writer = writer;
    this.orders = orders;
    this.config = config;
    this.meters = meters;
  }

  /** Returns the order as decided, or still {@code received} when the wait ran out. */
  public OrderView place(long userId, ShippingAddress address, List<OrderLine> requested) {
    OrderPlaced order =
        new OrderPlaced(ids.next(), userId, Instant.now(), address, OrderLines.merge(requested));
    CompletableFuture<Void> changed = changes.expect(ReadModelListener.orderKey(order.orderId()));
    try {
      publisher.publish(order);
      meters.counter("orderflow.orders.accepted").increment();
      LOG.infof("order %d of user %d accepted", order.orderId(), userId);
      return awaitDecision(order, changed);
    } finally {
      changes.forget(ReadModelListener.orderKey(order.orderId()), changed);
    }
  }

  /** The order is accepted by now: a database failure may delay its answer, never fail it. */
  private OrderView awaitDecision(OrderPlaced order, CompletableFuture<Void> changed) {
    try {
      writer.insertReceived(order);
      awaitQuietly(changed);
      return orders.findById(order.orderId()).orElseThrow();
    } catch (DependencyUnavailableException e) {
      LOG.warnf("order %d accepted but the read model is unavailable: %s", order.orderId(), e);
      return OrderView.received(order);
    }
  }

  private void awaitQuietly(CompletableFuture<Void> changed) {
    try {
      changed.get(config.decisionWait().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      meters.counter("orderflow.orders.undecided.after.wait").increment();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
