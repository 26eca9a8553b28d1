package io.orderflow.api.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.api.domain.DependencyUnavailableException;
import io.orderflow.api.domain.OrderView;
import io.orderflow.api.messaging.CommandPublisher;
import io.orderflow.api.messaging.CrashWindows;
import io.orderflow.api.messaging.CrashWindows.Step;
import io.orderflow.api.messaging.ReadModelListener.Awaited;
import io.orderflow.api.persistence.IdempotencyKeys;
import io.orderflow.api.persistence.IdempotencyKeys.KeyClaim;
import io.orderflow.api.persistence.IdempotencyKeys.KeyedOrder;
import io.orderflow.api.persistence.OrderIdAllocator;
import io.orderflow.api.persistence.OrderReadRepository;
import io.orderflow.api.persistence.ReadModelChannel;
import io.orderflow.api.persistence.ReadModelWriter;
import io.orderflow.model.EventClock;
import io.orderflow.model.OrderLine;
import io.orderflow.model.OrderPlaced;
import io.orderflow.model.OrderStatus;
import io.orderflow.model.ShippingAddress;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Places an order: refuse a total that could not be stored ({@link OrderTotals}), allocate its id,
 * publish {@link OrderPlaced} (the order is accepted once Kafka acknowledged it), then wait a
 * bounded time, holding no thread, for the worker's decision to reach the read model. Only an order
 * still undecided after the wait is written here (as {@code received}), so the usual order costs
 * order-api one read (the answer) and no commit; one with an {@code Idempotency-Key} adds the key's
 * commit before its publish, shared with the keys claimed at the same time ({@link KeyClaims}).
 */
@ApplicationScoped
@Startup // its counters must exist before the first order: see the constructor
public class OrderPlacementService {
  private static final Logger LOG = Logger.getLogger(OrderPlacementService.class);

  private final OrderIdAllocator ids;
  private final CommandPublisher publisher;
  private final CommandRoundTrip roundTrip;
  private final ReadModelWriter writer;
  private final OrderReadRepository orders;
  private final OrderTotals totals;
  private final IdempotencyKeys keys;
  private final KeyClaims claims;
  private final MeterRegistry meters;
  // registered at start, so that an alert on their increase sees the first order (a counter
  // that appears at 1 has no increase)
  private final Counter acceptedOrders;
  private final Counter undecidedAfterWait;
  private final CrashWindows crashWindows;

  OrderPlacementService(
      OrderIdAllocator ids,
      CommandPublisher publisher,
      CommandRoundTrip roundTrip,
      ReadModelWriter writer,
      OrderReadRepository orders,
      OrderTotals totals,
      IdempotencyKeys keys,
      KeyClaims claims,
      MeterRegistry meters,
      CrashWindows crashWindows) {
    this.ids = ids;
    this.publisher = publisher;
    this.roundTrip = roundTrip;
    this.writer = writer;
    this.orders = orders;
    this.totals = totals;
    this.keys = keys;
    this.claims = claims;
    this.meters = meters;
    this.acceptedOrders = meters.counter("orderflow.orders.accepted");
    this.undecidedAfterWait = meters.counter("orderflow.orders.undecided.after.wait");
    this.crashWindows = crashWindows;
  }

  /** Emits the order as decided, or still {@code received} when the wait ran out. */
  public Uni<OrderView> place(long userId, ShippingAddress address, List<OrderLine> requested) {
    return publishAndWait(newOrder(userId, address, requested));
  }

  /**
   * Places the order the key stands for: a new one, stored under the key before it is published,
   * or, for a retry (also one running at the same time), the order the key already stands for: its
   * decision if there is one, else its command is published again (the worker decides an order id
   * once) and awaited like the first time.
   *
   * @throws IdempotencyKeyReusedException when the key came with another request
   * @throws KeyedOrderDeletedException when the key's order was deleted since
   */
  public Uni<OrderView> place(
      long userId, IdempotencyKey key, ShippingAddress address, List<OrderLine> requested) {
    OrderPlaced fresh = newOrder(userId, address, requested);
    if (claims.claim(new KeyClaim(userId, key.value(), key.fingerprint(), fresh))) {
      crashWindows.reached(Step.KEY_CLAIMED);
      return publishAndWait(fresh);
    }
    // a retry: the id just taken stays unused, as ids of a block an instance never hands out do
    KeyedOrder keyed = keys.find(userId, key.value()).orElseThrow();
    if (!keyed.fingerprint().equals(key.fingerprint())) {
      throw new IdempotencyKeyReusedException();
    }
    OrderPlaced order = keyed.command();
    Optional<OrderView> decided = decisionOf(order);
    if (decided.isEmpty() && orders.deleted(order.orderId())) {
      // published again it would stay deleted, and a 202 would point at an order that is gone
      throw new KeyedOrderDeletedException(order.orderId());
    }
    meters
        .counter("orderflow.orders.retried", "answer", decided.isPresent() ? "decided" : "again")
        .increment();
    LOG.infof(
        "order %d retried with its Idempotency-Key: %s",
        order.orderId(), decided.isPresent() ? "decided" : "published again");
    return decided
        .map(o -> Uni.createFrom().item(o).invoke(() -> crashWindows.reached(Step.ANSWER_READY)))
        .orElseGet(() -> publishAndWait(order));
  }

  private OrderPlaced newOrder(long userId, ShippingAddress address, List<OrderLine> requested) {
    List<OrderLine> lines = OrderLines.merge(requested);
    totals.requireStorable(lines);
    return new OrderPlaced(ids.next(), userId, EventClock.now(), address, lines);
  }

  /**
   * The decision comes from this instance's projection when it projected the order, else it is read
   * once another instance's notification announces it.
   */
  private Uni<OrderView> publishAndWait(OrderPlaced order) {
    return roundTrip
        .publishAndAwait(
            publisher
                .publish(order)
                .invoke(() -> accepted(order))
                .invoke(() -> crashWindows.reached(Step.COMMAND_PUBLISHED)),
            new Awaited<>(
                ReadModelChannel.orderKey(order.orderId()),
                () -> decided(order),
                OrderPlacementService::decisionHandedOver))
        .map(decided -> decided.orElseGet(() -> undecided(order)))
        .invoke(() -> crashWindows.reached(Step.ANSWER_READY));
  }

  private static Optional<OrderView> decisionHandedOver(Object projected) {
    return projected instanceof OrderView view && view.status() != OrderStatus.RECEIVED
        ? Optional.of(view)
        : Optional.empty();
  }

  private void accepted(OrderPlaced order) {
    acceptedOrders.increment();
    LOG.debugf("order %d of user %d accepted", order.orderId(), order.userId());
  }

  /**
   * The order once the worker decided it. The order is accepted by now: a database failure may
   * delay its answer, never fail it.
   */
  private Optional<OrderView> decided(OrderPlaced order) {
    try {
      return decisionOf(order);
    } catch (DependencyUnavailableException e) {
      LOG.warnf("order %d accepted but the read model is unavailable: %s", order.orderId(), e);
      return Optional.of(OrderView.received(order));
    }
  }

  private Optional<OrderView> decisionOf(OrderPlaced order) {
    return orders.findById(order.orderId()).filter(o -> o.status() != OrderStatus.RECEIVED);
  }

  private OrderView undecided(OrderPlaced order) {
    undecidedAfterWait.increment();
    LOG.infof("order %d accepted, undecided after the wait", order.orderId());
    try {
      writer.insertReceived(order);
      return orders.findById(order.orderId()).orElseGet(() -> OrderView.received(order));
    } catch (DependencyUnavailableException e) {
      LOG.warnf("order %d accepted but the read model is unavailable: %s", order.orderId(), e);
      return OrderView.received(order);
    }
  }
}
