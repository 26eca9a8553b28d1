package io.orderflow.inventory.service;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.inventory.config.WorkerConfig;
import io.orderflow.inventory.domain.ChangedOrder;
import io.orderflow.inventory.domain.DecidedOrder;
import io.orderflow.inventory.domain.OrderState;
import io.orderflow.inventory.domain.ProductStock;
import io.orderflow.inventory.persistence.OrderRepository;
import io.orderflow.inventory.persistence.PendingOrderRepository;
import io.orderflow.inventory.persistence.ProductRepository;
import io.orderflow.model.EventClock;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Processes a batch of order commands in one database transaction, in offset order. Work done
 * before (an order decided, a change command processed) is only re-announced; the customers who
 * place orders are locked before orders, orders before products, each in ascending id order, so
 * concurrent workers never deadlock.
 */
@ApplicationScoped
public class OrderCommandProcessor {
  private static final Logger LOG = Logger.getLogger(OrderCommandProcessor.class);

  private final AgroalDataSource dataSource;
  private final ProductRepository products;
  private final OrderRepository orders;
  private final PendingOrderRepository pending;
  private final WorkerConfig.Caps capsConfig;
  private final MeterRegistry meters;

  OrderCommandProcessor(
      AgroalDataSource dataSource,
      ProductRepository products,
      OrderRepository orders,
      PendingOrderRepository pending,
      WorkerConfig config,
      MeterRegistry meters) {
    this.dataSource = dataSource;
    this.products = products;
    this.orders = orders;
    this.pending = pending;
    this.capsConfig = config.customerCaps();
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
    DoneBefore done = doneBefore(c, productCommands, commands);
    CustomerCaps caps = customerCaps(c, commands, done);
    Map<Long, OrderState> states = orders.lockForChange(c, ordersToChange(commands, done));
    StockLedger ledger =
        new StockLedger(
            products.lockForUpdate(c, productsToLock(productCommands, commands, done, states)));

    Instant now = EventClock.now();
    ProductCommandApplier catalog =
        new ProductCommandApplier(c, products, ledger, done.productCommands(), now);
    for (ProductCommand command : productCommands) {
      catalog.apply(command);
    }
    OrderBatch batch =
        new OrderBatch(
            ledger, caps, states, done.orders(), done.orderChanges(), done.changedItems(), now);
    List<OutgoingEvent> out = new ArrayList<>(catalog.events());
    commands.forEach(command -> out.add(batch.apply(command)));
    out.addAll(stockAnnouncements(ledger, now));

    products.update(c, ledger.changedProducts());
    products.recordMovements(c, ledger.movements());
    products.recordProcessed(c, catalog.processed());
    orders.insert(c, batch.decided);
    orders.update(c, batch.changed);
    batch.decided.forEach(this::recordDecision);
    caps.refusals().forEach(this::recordCapped);
    logDecided(batch.decided, caps.refusals());
    batch.changed.forEach(this::recordChange);
    return out;
  }

  /**
   * What earlier batches already did with these commands: its announcements, to send again, with
   * the items of the orders whose change is redelivered (their stock is announced again too).
   */
  private record DoneBefore(
      Map<Long, byte[]> orders,
      Map<UUID, byte[]> orderChanges,
      Map<Long, List<OrderLine>> changedItems,
      Map<UUID, Long> productCommands) {}

  private DoneBefore doneBefore(
      Connection c, List<ProductCommand> productCommands, List<OrderCommand> commands)
      throws SQLException {
    Set<Long> placedIds = new HashSet<>();
    Set<UUID> changeIds = new HashSet<>();
    for (OrderCommand command : commands) {
      if (command instanceof OrderChangeCommand change) {
        changeIds.add(change.commandId());
      } else {
        placedIds.add(command.orderId());
      }
    }
    Map<UUID, byte[]> outcomes = orders.findOutcomes(c, changeIds);
    Set<Long> changedBefore = new HashSet<>();
    for (OrderCommand command : commands) {
      if (command instanceof OrderChangeCommand change
          && outcomes.containsKey(change.commandId())) {
        changedBefore.add(change.orderId());
      }
    }
    return new DoneBefore(
        orders.findLastEvents(c, placedIds),
        outcomes,
        orders.findItems(c, changedBefore),
        products.findProcessed(
            c, productCommands.stream().map(ProductCommand::commandId).toList()));
  }

  /** Locks the customers who place orders in this batch and reads what they already hold. */
  private CustomerCaps customerCaps(Connection c, List<OrderCommand> commands, DoneBefore done)
      throws SQLException {
    if (!capsConfig.enabled()) {
      return CustomerCaps.unlimited();
    }
    TreeSet<Long> customers = new TreeSet<>();
    for (OrderCommand command : commands) {
      if (command instanceof OrderPlaced placed && !done.orders().containsKey(placed.orderId())) {
        customers.add(placed.userId());
      }
    }
    return new CustomerCaps(
        new CustomerCaps.Limits(capsConfig.maxPendingOrders(), capsConfig.maxPendingUnits()),
        pending.lockAndReadHoldings(c, customers));
  }

  private static TreeSet<Long> ordersToChange(List<OrderCommand> commands, DoneBefore done) {
    TreeSet<Long> ids = new TreeSet<>();
    for (OrderCommand command : commands) {
      if (command instanceof OrderChangeCommand change
          && !done.orderChanges().containsKey(change.commandId())) {
        ids.add(change.orderId());
      }
    }
    return ids;
  }

  /** Every product a command of this batch may touch, in ascending id order. */
  private static TreeSet<Long> productsToLock(
      List<ProductCommand> productCommands,
      List<OrderCommand> commands,
      DoneBefore done,
      Map<Long, OrderState> states) {
    TreeSet<Long> ids = new TreeSet<>(done.productCommands().values());
    productCommands.forEach(command -> productIdOf(command).ifPresent(ids::add));
    // an order decided before is announced again with the current stock of its products
    for (OrderCommand command : commands) {
      if (command instanceof OrderPlaced placed) {
        placed.lines().forEach(line -> ids.add(line.productId()));
      }
    }
    states.values().forEach(state -> state.items().forEach(item -> ids.add(item.productId())));
    done.changedItems().values().forEach(items -> items.forEach(item -> ids.add(item.productId())));
    return ids;
  }

  /**
   * The new stock level of every changed or re-announced product, and an alert for each that just
   * ran low or is re-announced while low.
   */
  private static List<OutgoingEvent> stockAnnouncements(StockLedger ledger, Instant now) {
    List<OutgoingEvent> out = new ArrayList<>();
    for (ProductStock product : ledger.productsToAnnounce()) {
      out.add(OutgoingEvent.of(Topics.INVENTORY_EVENTS, product.id(), product.snapshot(now, null)));
    }
    for (ProductStock low : ledger.productsToAlert()) {
      LOG.warnf(
          "product %d (%s) is low on stock: %d available", low.id(), low.name(), low.available());
      out.add(
          OutgoingEvent.of(
              Topics.INVENTORY_ALERTS,
              low.id(),
              new ProductLowOnStock(
                  low.id(), low.name(), low.available(), low.lowStockThreshold(), now)));
    }
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

  private void recordDecision(DecidedOrder order) {
    OrderEvent event = order.event();
    meters.counter("orderflow.orders.decided", "outcome", event.status().wireName()).increment();
    meters
        .timer("orderflow.orders.decision.latency")
        .record(Duration.between(order.command().placedAt(), event.at()));
    if (event instanceof OrderRejected rejected) {
      LOG.debugf(
          "order %d of user %d rejected: %s",
          rejected.orderId(),
          rejected.userId(),
          rejected.stockIssues().stream().map(i -> i.productId() + ": " + i.error()).toList());
    } else if (event instanceof OrderReserved reserved) {
      LOG.debugf(
          "order %d of user %d reserved, total %s",
          reserved.orderId(), reserved.userId(), reserved.totalAmount());
    }
  }

  private void recordCapped(CustomerCaps.Cap cap, int orders) {
    meters.counter("orderflow.orders.over.customer.cap", "cap", cap.tag()).increment(orders);
  }

  private static String describe(Map<CustomerCaps.Cap, Integer> overCaps) {
    return overCaps.entrySet().stream()
        .map(over -> over.getValue() + " " + over.getKey().tag())
        .collect(Collectors.joining(", "));
  }

  /** One line per batch; each order's own line is at DEBUG. */
  private static void logDecided(
      List<DecidedOrder> decided, Map<CustomerCaps.Cap, Integer> overCaps) {
    if (!decided.isEmpty()) {
      long rejected = decided.stream().filter(d -> d.event() instanceof OrderRejected).count();
      LOG.infof(
          "decided %d orders: %d reserved, %d rejected%s",
          decided.size(),
          decided.size() - rejected,
          rejected,
          overCaps.isEmpty() ? "" : " (over a customer cap: " + describe(overCaps) + ")");
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
