package io.orderflow.inventory.service;

import io.orderflow.inventory.domain.ChangedOrder;
import io.orderflow.inventory.domain.DecidedOrder;
import io.orderflow.inventory.domain.OrderState;
import io.orderflow.inventory.domain.ProductStock;
import io.orderflow.model.MessageJson;
import io.orderflow.model.OrderChangeCommand;
import io.orderflow.model.OrderCommand;
import io.orderflow.model.OrderEvent;
import io.orderflow.model.OrderLine;
import io.orderflow.model.OrderPlaced;
import io.orderflow.model.OrderRejected;
import io.orderflow.model.OrderReserved;
import io.orderflow.model.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One transaction's order commands, applied one after another in offset order: each sees the orders
 * and stock as the commands before it left them. Work done by an earlier batch is only announced
 * again.
 */
final class OrderBatch {
  /** An order's version once decided; order-api holds it at 0 while {@code received}. */
  private static final long DECIDED_VERSION = 1;

  private final StockLedger ledger;
  private final CustomerCaps caps;
  private final Map<Long, OrderState> states;
  private final Map<Long, byte[]> orderPayloads;
  private final Map<UUID, byte[]> commandPayloads;
  private final Map<Long, List<OrderLine>> itemsChangedBefore;
  private final Instant now;
  final List<DecidedOrder> decided = new ArrayList<>();
  final List<ChangedOrder> changed = new ArrayList<>();

  OrderBatch(
      StockLedger ledger,
      CustomerCaps caps,
      Map<Long, OrderState> states,
      Map<Long, byte[]> decidedBefore,
      Map<UUID, byte[]> processedBefore,
      Map<Long, List<OrderLine>> itemsChangedBefore,
      Instant now) {
    this.ledger = ledger;
    this.caps = caps;
    this.states = states;
    this.orderPayloads = new HashMap<>(decidedBefore);
    this.commandPayloads = new HashMap<>(processedBefore);
    this.itemsChangedBefore = itemsChangedBefore;
    this.now = now;
  }

  OutgoingEvent apply(OrderCommand command) {
    byte[] payload =
        command instanceof OrderPlaced placed
            ? decide(placed)
            : change((OrderChangeCommand) command);
    return new OutgoingEvent(Topics.ORDERS_EVENTS, String.valueOf(command.orderId()), payload);
  }

  private byte[] decide(OrderPlaced command) {
    byte[] before = orderPayloads.get(command.orderId());
    if (before != null) {
      command.lines().forEach(line -> ledger.announceAgain(line.productId()));
      return before;
    }
    OrderEvent event = eventFor(command, reserveWithinCaps(command), now);
    byte[] payload = MessageJson.write(event);
    decided.add(new DecidedOrder(command, event, payload));
    orderPayloads.put(command.orderId(), payload);
    states.put(command.orderId(), stateOf(command, event));
    return payload;
  }

  private byte[] change(OrderChangeCommand command) {
    byte[] before = commandPayloads.get(command.commandId());
    if (before != null) {
      // the stock it released or shipped may not have gone out either
      itemsChangedBefore
          .getOrDefault(command.orderId(), List.of())
          .forEach(line -> ledger.announceAgain(line.productId()));
      return before;
    }
    OrderLifecycle.Outcome outcome =
        OrderLifecycle.apply(states.get(command.orderId()), command, ledger, now);
    byte[] payload = MessageJson.write(outcome.event());
    changed.add(
        new ChangedOrder(command, outcome.event(), outcome.state(), outcome.changed(), payload));
    commandPayloads.put(command.commandId(), payload);
    if (outcome.changed()) {
      caps.follow(states.get(command.orderId()), outcome.state());
      states.put(command.orderId(), outcome.state());
    }
    return payload;
  }

  /** The customer's caps first: an order over them reserves nothing, whatever the stock. */
  private Decision reserveWithinCaps(OrderPlaced command) {
    Optional<CustomerCaps.Refusal> refusal = caps.check(command.userId(), command.lines());
    if (refusal.isPresent()) {
      return refusal.get().rejection();
    }
    Decision decision = ledger.reserve(command.orderId(), command.lines());
    if (decision instanceof Decision.Reserved) {
      caps.hold(command.userId(), command.lines());
    }
    return decision;
  }

  private String productName(long productId) {
    return ledger.product(productId).map(ProductStock::name).orElse(null);
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
    Decision.Rejected rejected = (Decision.Rejected) decision;
    return new OrderRejected(
        command.orderId(),
        DECIDED_VERSION,
        command.userId(),
        now,
        command.placedAt(),
        command.shippingAddress(),
        command.lines(),
        rejected.stockIssues(),
        rejected.reason());
  }
}
