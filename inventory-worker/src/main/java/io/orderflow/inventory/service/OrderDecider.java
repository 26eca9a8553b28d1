package io.orderflow.inventory.service;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.inventory.persistence.OrderRepository;
import io.orderflow.inventory.persistence.ProductRepository;
import io.orderflow.inventory.persistence.StockMovement;
import io.orderflow.model.MessageJson;
import io.orderflow.model.OrderEvent;
import io.orderflow.model.OrderPlaced;
import io.orderflow.model.OrderRejected;
import io.orderflow.model.OrderReserved;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Decides a batch of placed orders in one database transaction: orders decided before are only
 * re-announced, new ones are decided in offset order against stock locked in id order.
 */
@ApplicationScoped
public class OrderDecider {
  private static final Logger LOG = Logger.getLogger(OrderDecider.class);

  /** An order's version once decided; order-api holds it at 0 while {@code received}. */
  private static final long DECIDED_VERSION = 1;

  private final AgroalDataSource dataSource;
  private final ProductRepository products;
  private final OrderRepository orders;
  private final MeterRegistry meters;

  OrderDecider(
      AgroalDataSource dataSource,
      ProductRepository products,
      OrderRepository orders,
      MeterRegistry meters) {
    this.dataSource = dataSource;
    this.products = products;
    this.orders = orders;
    this.meters = meters;
  }

  /** Returns one event per command, in command order, to publish once this method returned. */
  public List<OutgoingEvent> decide(List<OrderPlaced> commands) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        List<OutgoingEvent> events = decideIn(c, commands);
        c.commit();
        return events;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private List<OutgoingEvent> decideIn(Connection c, List<OrderPlaced> commands)
      throws SQLException {
    Map<Long, OrderPlaced> byId = new LinkedHashMap<>();
    commands.forEach(command -> byId.putIfAbsent(command.orderId(), command));
    Map<Long, byte[]> decidedBefore = orders.findLastEvents(c, byId.keySet());
    List<OrderPlaced> fresh =
        byId.values().stream().filter(o -> !decidedBefore.containsKey(o.orderId())).toList();

    TreeSet<Long> productIds = new TreeSet<>();
    fresh.forEach(o -> o.lines().forEach(line -> productIds.add(line.productId())));
    StockLedger ledger = new StockLedger(products.lockForUpdate(c, productIds));

    Instant now = Instant.now();
    Map<Long, byte[]> payloads = new LinkedHashMap<>(decidedBefore);
    List<DecidedOrder> decided = new ArrayList<>();
    List<StockMovement> movements = new ArrayList<>();
    for (OrderPlaced command : fresh) {
      OrderEvent event = eventFor(command, ledger.decide(command.lines()), now);
      byte[] payload = MessageJson.write(event);
      decided.add(new DecidedOrder(command, event, payload));
      payloads.put(command.orderId(), payload);
      if (event instanceof OrderReserved reserved) {
        reserved
            .items()
            .forEach(
                item ->
                    movements.add(
                        new StockMovement(
                            item.productId(),
                            reserved.orderId(),
                            item.quantity(),
                            0,
                            "order_reserved")));
      }
    }
    products.updateStock(c, ledger.changedProducts());
    products.recordMovements(c, movements);
    orders.insert(c, decided);

    decided.forEach(this::recordDecision);
    if (!decidedBefore.isEmpty()) {
      LOG.infof(
          "re-announcing %d already decided orders %s",
          decidedBefore.size(), decidedBefore.keySet());
    }
    return commands.stream()
        .map(command -> new OutgoingEvent(command.orderId(), payloads.get(command.orderId())))
        .toList();
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
}
