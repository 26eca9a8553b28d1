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
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Places an order: allocate its id, publish {@link OrderPlaced} (the order is accepted once Kafka
 * acknowledged it), then wait a bounded time, holding no thread, for the worker's decision to reach
 * the read model. Only an order still undecided after the wait is written here (as {@code
 * received}), so the usual order costs order-api one read and no commit.
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

  /** Emits the order as decided, or still {@code received} when the wait ran out. */
  public Uni<OrderView> place(long userId, ShippingAddress address, List<OrderLine> requested) {
    OrderPlaced order =
        new OrderPlaced(ids.next(), userId, Instant.now(), address, OrderLines.merge(requested));
    Uni<Void> accepted = publisher.publish(order).invoke(() -> accepted(order));
    return changes
        .changeAfter(ReadModelListener.orderKey(order.orderId()), accepted, config.decisionWait())
        .emitOn(Infrastructure.getDefaultWorkerPool())
        .map(decided -> answer(order, decided));
  }

  private void accepted(OrderPlaced order) {
    meters.counter("orderflow.orders.accepted").increment();
    LOG.debugf("order %d of user %d accepted", order.orderId(), order.userId());
  }

  /** The order is accepted by now: a database failure may delay its answer, never fail it. */
  private OrderView answer(OrderPlaced order, boolean decided) {
    try {
      if (!decided) {
        meters.counter("orderflow.orders.undecided.after.wait").increment();
        LOG.infof("order %d accepted, undecided after the wait", order.orderId());
        writer.insertReceived(order);
      }
      return orders.findById(order.orderId()).orElseGet(() -> OrderView.received(order));
    } catch (DependencyUnavailableException e) {
      LOG.warnf("order %d accepted but the read model is unavailable: %s", order.orderId(), e);
      return OrderView.received(order);
    }
  }
}
