package io.orderflow.inventory.service;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.inventory.persistence.OrderRepository;
import io.orderflow.inventory.persistence.ProductRepository;
import io.orderflow.model.MessageJson;
import io.orderflow.model.OrderChangeCommand;
import io.orderflow.model.OrderCommand;
import io.orderflow.model.OrderEvent;
import io.orderflow.model.OrderLine;
import io.orderflow.model.OrderPlaced;
import io.orderflow.model.OrderRejected;
import io.orderflow.model.OrderReserved;
import io.orderflow.model.OrderStatus;
import io.orderflow.model.ProductCommand;
import io.orderflow.model.ProductLowOnStock;
import io.orderflow.model.ProductUpdateRequested;
import io.orderflow.model.RestockRequested;
import io.orderflow.model.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Processes a batch of order commands in one database transaction, in offset order. Work done
 * before (an order decided, a change command processed) is only re-announced; orders are locked
 * before products, each in ascending id order, so concurrent workers never deadlock.
 */
@ApplicationScoped
public class OrderCommandProcessor {
  private static final Logger LOG = Logger.getLogger(OrderCommandProcessor.class);

  /** An order's version once decided; order-api holds it at 0 while {@code received}. */
  private static final long DECIDED_VERSION = 1;

  private final AgroalDataSource dataSource;
  private final ProductRepository products;
  private final OrderRepository orders;
  private final MeterRegistry meters;

  OrderCommandProcessor(
      AgroalDataSource dataSource,
      ProductRepository products,
      OrderRepository orders,
      MeterRegistry meters) {
    this.dataSource = dataSource;
    this.products = products;
    this.orders = orders;
    this.meters = meters;
  }

  /**
   * Returns the messages to publish once this method returned: the answers to the product commands,
   * one event per order command in command order, then the stock levels that orders changed and any
   * low-stock alerts.
   */
  public List<OutgoingEvent> process(
      List<ProductCommand> productCommands, List<OrderCommand> commands) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        List<OutgoingEvent> events = processIn(c, productCommands, commands);
        c.commit();
        return events;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private List<OutgoingEvent> processIn(
      Connection c, List<ProductCommand> productCommands, List<OrderCommand> commands)
      throws SQLException {
    Set<Long> placedIds = new HashSet<>();
    Set<UUID> changeIds = new HashSet<>();
    commands.forEach(
        command -> {
          if (command instanceof OrderChangeCommand change) {
            changeIds.add(change.commandId());
          } else {
            placedIds.add(command.orderId());
          }
        });
    Map<Long, byte[]> decidedBefore = orders.findLastEvents(c, placedIds);
    Map<UUID, byte[]> processedBefore = orders.findOutcomes(c, changeIds);

    TreeSet<Long> toChange = new TreeSet<>();
    TreeSet<Long> productIds = new TreeSet<>();
    for (OrderCommand command : commands) {
      if (command instanceof OrderPlaced placed && !decidedBefore.containsKey(placed.orderId())) {
        placed.lines().forEach(line -> productIds.add(line.productId()));
      } else if (command instanceof OrderChangeCommand change
          && !processedBefore.containsKey(change.commandId())) {
        toChange.add(change.orderId());
      }
    }
    Map<Long, OrderState> states = orders.lockForChange(c, toChange);
    states.values().forEach(s -> s.items().forEach(i -> productIds.add(i.productId())));
    Map<UUID, Long> productCommandsBefore =
        products.findProcessed(c, productCommands.stream().map(ProductCommand::commandId).toList());
    productIds.addAll(productCommandsBefore.values());
    productCommands.forEach(command -> productIdOf(command).ifPresent(productIds::add));
    StockLedger ledger = new StockLedger(products.lockForUpdate(c, productIds));

    Instant now = Instant.now();
    ProductCommandApplier catalog =
        new ProductCommandApplier(c, products, ledger, productCommandsBefore, now);
    for (ProductCommand command : productCommands) {
      catalog.apply(command);
    }
    Batch batch = new Batch(ledger, states, decidedBefore, processedBefore, now);
    List<OutgoingEvent> out = new ArrayList<>(catalog.events());
    for (OrderCommand command : commands) {
      byte[] payload =
          command instanceof OrderPlaced placed
              ? batch.decide(placed)
              : batch.change((OrderChangeCommand) command);
      out.add(new OutgoingEvent(Topics.ORDERS_EVENTS, String.valueOf(command.orderId()), payload));
    }
    for (ProductStock product : ledger.changedProducts()) {
      out.add(OutgoingEvent.of(Topics.INVENTORY_EVENTS, product.id(), product.snapshot(now, null)));
    }
    for (ProductStock low : ledger.newlyLow()) {
      LOG.warnf(
          "product %d (%s) is low on stock: %d available", low.id(), low.name(), low.available());
      out.add(
          OutgoingEvent.of(
              Topics.INVENTORY_ALERTS,
              low.id(),
              new ProductLowOnStock(
                  low.id(), low.name(), low.available(), low.lowStockThreshold(), now)));
    }

    products.update(c, ledger.changedProducts());
    products.recordMovements(c, ledger.movements());
    products.recordProcessed(c, catalog.processed());
    orders.insert(c, batch.decided);
    orders.update(c, batch.changed);
    batch.decided.forEach(this::recordDecision);
    batch.changed.forEach(this::recordChange);
    return out;
  }

  private static Optional<Long> productIdOf(ProductCommand command) {
    if (command instanceof RestockRequested restock) {
      return Optional.of(restock.productId());
    }
    if (command instanceof ProductUpdateRequested update) {
      return Optional.of(update.productId());
    }
    return Optional.empty();
  }

  /** The state of one transaction's work, as commands are applied one after another. */
  private static final class Batch {
    final StockLedger ledger;
    final Map<Long, OrderState> states;
    final Map<Long, byte[]> orderPayloads;
    final Map<UUID, byte[]> commandPayloads;
    final Instant now;
    final List<DecidedOrder> decided = new ArrayList<>();
    final List<ChangedOrder> changed = new ArrayList<>();

    Batch(
        StockLedger ledger,
        Map<Long, OrderState> states,
        Map<Long, byte[]> decidedBefore,
        Map<UUID, byte[]> processedBefore,
        Instant now) {
      this.ledger = ledger;
      this.states = states;
      this.orderPayloads = new HashMap<>(decidedBefore);
      this.commandPayloads = new HashMap<>(processedBefore);
      this.now = now;
    }

    byte[] decide(OrderPlaced command) {
      byte[] before = orderPayloads.get(command.orderId());
      if (before != null) {
        return before;
      }
      OrderEvent event = eventFor(command, ledger.reserve(command.orderId(), command.lines()), now);
      byte[] payload = MessageJson.write(event);
      decided.add(new DecidedOrder(command, event, payload));
      orderPayloads.put(command.orderId(), payload);
      states.put(command.orderId(), stateOf(command, event));
      return payload;
    }

    byte[] change(OrderChangeCommand command) {
      byte[] before = commandPayloads.get(command.commandId());
      if (before != null) {
        return before;
      }
      OrderLifecycle.Outcome outcome =
          OrderLifecycle.apply(states.get(command.orderId()), command, ledger, now);
      byte[] payload = MessageJson.write(outcome.event());
      changed.add(
          new ChangedOrder(command, outcome.event(), outcome.state(), outcome.changed(), payload));
      commandPayloads.put(command.commandId(), payload);
      if (outcome.changed()) {
        states.put(command.orderId(), outcome.state());
      }
      return payload;
    }
  }

  private static OrderState stateOf(OrderPlaced command, OrderEvent event) {
    List<OrderLine> items =
        event instanceof OrderReserved reserved
            ? reserved.items().stream()
                .map(i -> new OrderLine(i.productId(), i.quantity()))
                .toList()
            : List.of();
    return new OrderState(
        command.orderId(),
        command.userId(),
        event.status(),
        event.version(),
        command.placedAt(),
        false,
        items);
  }

  private static OrderEvent eventFor(OrderPlaced command, Decision decision, Instant now) {
    if (decision instanceof Decision.Reserved reserved) {
      return new OrderReserved(
          command.orderId(),
          DECIDED_VERSION,
          command.userId(),
          now,
          command.placedAt(),
          command.shippingAddress(),
          reserved.items(),
          reserved.totalAmount());
    }
    return new OrderRejected(
        command.orderId(),
        DECIDED_VERSION,
        command.userId(),
        now,
        command.placedAt(),
        command.shippingAddress(),
        command.lines(),
        ((Decision.Rejected) decision).stockIssues());
  }

  private void recordDecision(DecidedOrder order) {
    OrderEvent event = order.event();
    meters.counter("orderflow.orders.decided", "outcome", event.status().wireName()).increment();
    meters
        .timer("orderflow.orders.decision.latency")
        .record(Duration.between(order.command().placedAt(), event.at()));
    if (event instanceof OrderRejected rejected) {
      LOG.infof(
          "order %d of user %d rejected: %s",
          rejected.orderId(),
          rejected.userId(),
          rejected.stockIssues().stream().map(i -> i.productId() + ": " + i.error()).toList());
    } else if (event instanceof OrderReserved reserved) {
      LOG.infof(
          "order %d of user %d reserved, total %s",
          reserved.orderId(), reserved.userId(), reserved.totalAmount());
    }
  }

  private void recordChange(ChangedOrder change) {
    String outcome = change.applied() ? "applied" : "refused";
    meters.counter("orderflow.orders.changes", "outcome", outcome).increment();
    OrderStatus status = change.event().status();
    LOG.infof(
        "order %d change %s by %s: %s",
        change.event().orderId(),
        outcome,
        change.actor(),
        change.applied() ? "now " + status.wireName() : change.event());
  }
}
