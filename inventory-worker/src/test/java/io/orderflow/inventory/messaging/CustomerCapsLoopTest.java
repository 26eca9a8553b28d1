package io.orderflow.inventory.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.inventory.messaging.InventoryRows.Stock;
import io.orderflow.inventory.service.OrderCommandProcessor;
import io.orderflow.inventory.service.OutgoingEvent;
import io.orderflow.model.MessageJson;
import io.orderflow.model.OrderCommand;
import io.orderflow.model.OrderEvent;
import io.orderflow.model.OrderLine;
import io.orderflow.model.OrderPlaced;
import io.orderflow.model.OrderRejected;
import io.orderflow.model.OrderReserved;
import io.orderflow.model.OrderStatus;
import io.orderflow.model.OrderStatusChangeRequested;
import io.orderflow.model.ShippingAddress;
import io.orderflow.model.Topics;
import io.orderflow.stack.InfrastructureTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The per-customer caps at their defaults: 20 pending orders, 1,000 units in them. */
@QuarkusTest
@QuarkusTestResource(InfrastructureTestResource.class)
class CustomerCapsLoopTest extends WorkerLoopTest {
  private static final AtomicLong IDS = new AtomicLong(2_000_000);
  private static final ShippingAddress ADDRESS =
      new ShippingAddress("1 Main St", null, "Springfield", "IL", "62701", "US");

  @Inject OrderCommandProcessor processor;
  @Inject MeterRegistry meters;

  @Test
  void twentyFirstPendingOrderIsRejectedUntilTheCustomerCancelsOne() throws Exception {
    long widget = rows.product("Widget", "2.00", 100);
    long customer = IDS.incrementAndGet();
    List<OrderPlaced> twenty =
        IntStream.range(0, 20).mapToObj(i -> order(customer, new OrderLine(widget, 1))).toList();
    twenty.forEach(probe::send);
    twenty.forEach(o -> assertThat(decision(o)).isInstanceOf(OrderReserved.class));

    double overBefore = overCap("pending_orders");
    OrderPlaced oneTooMany = order(customer, new OrderLine(widget, 1));
    probe.send(oneTooMany);

    OrderRejected rejected = (OrderRejected) decision(oneTooMany);
    assertThat(rejected.reason())
        .isEqualTo(
            "Too many pending orders: at most 20 per customer until some are confirmed or"
                + " cancelled");
    assertThat(rejected.stockIssues()).as("no stock is short").isEmpty();
    assertThat(rows.stock(widget)).isEqualTo(new Stock(100, 20));
    assertThat(overCap("pending_orders")).isEqualTo(overBefore + 1);

    cancel(twenty.get(0));
    OrderPlaced afterCancel = order(customer, new OrderLine(widget, 1));
    probe.send(afterCancel);
    assertThat(decision(afterCancel)).isInstanceOf(OrderReserved.class);
    assertThat(rows.stock(widget)).isEqualTo(new Stock(100, 20));
  }

  @Test
  void orderBeyondTheUnitCapIsRejectedNamingWhatIsLeftAndReservesNothing() throws Exception {
    long widget = rows.product("Widget", "2.00", 5_000);
    long gadget = rows.product("Gadget", "1.00", 5_000);
    long customer = IDS.incrementAndGet();
    OrderPlaced big = order(customer, new OrderLine(widget, 990));
    probe.send(big);
    assertThat(decision(big)).isInstanceOf(OrderReserved.class);

    OrderPlaced over = order(customer, new OrderLine(widget, 6), new OrderLine(gadget, 5));
    probe.send(over);

    OrderRejected rejected = (OrderRejected) decision(over);
    String error =
        "Too many units reserved: at most 1000 per customer in pending orders, 990 already"
            + " reserved, this order adds 11";
    assertThat(rejected.reason()).isEqualTo(error);
    assertThat(rejected.stockIssues()).as("no stock is short").isEmpty();
    assertThat(rows.stock(widget)).isEqualTo(new Stock(5_000, 990));
    assertThat(rows.stock(gadget)).isEqualTo(new Stock(5_000, 0));

    OrderPlaced exactlyTheRest = order(customer, new OrderLine(gadget, 10));
    probe.send(exactlyTheRest);
    assertThat(decision(exactlyTheRest)).isInstanceOf(OrderReserved.class);
  }

  @Test
  void otherCustomersAreNotHeldBackByOneAtHisCap() throws Exception {
    long widget = rows.product("Widget", "2.00", 5_000);
    long hoarder = IDS.incrementAndGet();
    OrderPlaced all = order(hoarder, new OrderLine(widget, 1_000));
    probe.send(all);
    assertThat(decision(all)).isInstanceOf(OrderReserved.class);

    OrderPlaced neighbour = order(IDS.incrementAndGet(), new OrderLine(widget, 1_000));
    probe.send(neighbour);

    assertThat(decision(neighbour)).isInstanceOf(OrderReserved.class);
  }

  /**
   * Two workers on different partitions deciding one customer's orders at the same moment: without
   * the customer's lock both would see no pending orders and reserve 15 each.
   */
  @Test
  void twoWorkersDecidingOneCustomersOrdersAtOnceStayWithinTheCap() throws Exception {
    long customer = IDS.incrementAndGet();
    List<List<OrderCommand>> batches = new ArrayList<>();
    for (int worker = 0; worker < 2; worker++) {
      long product = rows.product("Widget " + worker, "2.00", 100);
      batches.add(
          IntStream.range(0, 15)
              .<OrderCommand>mapToObj(i -> order(customer, new OrderLine(product, 1)))
              .toList());
    }
    CyclicBarrier together = new CyclicBarrier(2);
    ExecutorService workers = Executors.newFixedThreadPool(2);
    List<Future<List<OutgoingEvent>>> decided = new ArrayList<>();
    try {
      for (List<OrderCommand> batch : batches) {
        Callable<List<OutgoingEvent>> decide =
            () -> {
              together.await();
              return processor.process(List.of(), batch);
            };
        decided.add(workers.submit(decide));
      }
      long reserved = 0;
      for (Future<List<OutgoingEvent>> events : decided) {
        reserved +=
            events.get().stream()
                .filter(e -> e.topic().equals(Topics.ORDERS_EVENTS))
                .map(e -> MessageJson.read(e.payload(), OrderEvent.class))
                .filter(OrderReserved.class::isInstance)
                .count();
      }
      assertThat(reserved).isEqualTo(20);
      assertThat(
              rows.count(
                  "SELECT count(*) FROM orders WHERE status = 'pending' AND user_id = " + customer))
          .isEqualTo(20);
    } finally {
      workers.shutdownNow();
    }
  }

  private double overCap(String cap) {
    return meters.counter("orderflow.orders.over.customer.cap", "cap", cap).count();
  }

  private OrderEvent decision(OrderPlaced order) {
    return probe.awaitEvents(order.orderId(), 1).get(0);
  }

  private void cancel(OrderPlaced order) {
    probe.send(
        new OrderStatusChangeRequested(
            order.orderId(),
            UUID.randomUUID(),
            OrderStatus.CANCELLED,
            "user:" + order.userId(),
            Instant.now()));
    assertThat(probe.awaitEvents(order.orderId(), 2).get(1).status())
        .isEqualTo(OrderStatus.CANCELLED);
  }

  private static OrderPlaced order(long customer, OrderLine... lines) {
    return new OrderPlaced(IDS.incrementAndGet(), customer, Instant.now(), ADDRESS, List.of(lines));
  }
}
