package io.orderflow.inventory.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.inventory.messaging.InventoryRows.Stock;
import io.orderflow.inventory.service.UndecidableOrders;
import io.orderflow.model.DeadLetters;
import io.orderflow.model.OrderChangeRefused;
import io.orderflow.model.OrderDeleted;
import io.orderflow.model.OrderDeletionRequested;
import io.orderflow.model.OrderEvent;
import io.orderflow.model.OrderLine;
import io.orderflow.model.OrderPlaced;
import io.orderflow.model.OrderRejected;
import io.orderflow.model.OrderReserved;
import io.orderflow.model.OrderStatus;
import io.orderflow.model.OrderStatusChangeRequested;
import io.orderflow.model.OrderStatusChanged;
import io.orderflow.model.PricedLine;
import io.orderflow.model.ProductCreationRequested;
import io.orderflow.model.ProductLowOnStock;
import io.orderflow.model.ProductStockChanged;
import io.orderflow.model.RestockRequested;
import io.orderflow.model.ShippingAddress;
import io.orderflow.model.StockIssue;
import io.orderflow.model.Topics;
import io.orderflow.stack.InfrastructureTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(InfrastructureTestResource.class)
class CommandLoopTest extends WorkerLoopTest {
  private static final AtomicLong ORDER_IDS = new AtomicLong(1_000_000);
  private static final ShippingAddress ADDRESS =
      new ShippingAddress("1 Main St", null, "Springfield", "IL", "62701", "US");

  @Test
  void reservesStockAndAnnouncesPendingOrderAtCatalogPrices() throws Exception {
    long widget = rows.product("Premium Widget", "19.99", 10);
    long gadget = rows.product("Gadget", "5.50", 3);
    OrderPlaced order = order(new OrderLine(widget, 2), new OrderLine(gadget, 3));

    probe.send(order);

    OrderReserved reserved = (OrderReserved) probe.awaitEvents(order.orderId(), 1).get(0);
    assertThat(reserved.version()).isEqualTo(1);
    assertThat(reserved.items())
        .containsExactly(
            new PricedLine(widget, "Premium Widget", 2, money("19.99"), money("39.98")),
            new PricedLine(gadget, "Gadget", 3, money("5.50"), money("16.50")));
    assertThat(reserved.totalAmount()).isEqualTo(money("56.48"));
    assertThat(rows.stock(widget)).isEqualTo(new Stock(10, 2));
    assertThat(rows.stock(gadget)).isEqualTo(new Stock(3, 3));
  }

  @Test
  void rejectsWholeOrderListingOnlyFailingLinesAndUnknownProducts() throws Exception {
    long widget = rows.product("Premium Widget", "19.99", 2);
    long plenty = rows.product("Plenty", "1.00", 100);
    long unknown = 987_654_321L;
    OrderPlaced order =
        order(new OrderLine(plenty, 1), new OrderLine(widget, 5), new OrderLine(unknown, 1));

    probe.send(order);

    OrderRejected rejected = (OrderRejected) probe.awaitEvents(order.orderId(), 1).get(0);
    assertThat(rejected.stockIssues())
        .containsExactly(
            StockIssue.insufficient(widget, "Premium Widget", 5, 2),
            StockIssue.productNotFound(unknown, 1));
    assertThat(rows.stock(plenty)).isEqualTo(new Stock(100, 0));
    assertThat(rows.stock(widget)).isEqualTo(new Stock(2, 0));
  }

  @Test
  void sameOrderDeliveredTwiceIsDecidedOnceAndAnnouncedAgain() throws Exception {
    long widget = rows.product("Widget", "2.00", 10);
    OrderPlaced order = order(new OrderLine(widget, 4));

    probe.send(order);
    probe.awaitEvents(order.orderId(), 1);
    probe.send(order);

    List<OrderEvent> events = probe.awaitEvents(order.orderId(), 2);
    assertThat(events.get(1)).isEqualTo(events.get(0));
    assertThat(rows.stock(widget)).isEqualTo(new Stock(10, 4));
    assertThat(rows.count("SELECT count(*) FROM orders WHERE id = " + order.orderId()))
        .isEqualTo(1);
    assertThat(
            rows.count("SELECT count(*) FROM stock_movements WHERE order_id = " + order.orderId()))
        .isEqualTo(1);
  }

  @Test
  void sameOrderPublishedTwiceAtOnceIsDecidedOnce() throws Exception {
    long widget = rows.product("Widget", "2.00", 10);
    OrderPlaced order = order(new OrderLine(widget, 4));

    // what order-api does when a retry with the same Idempotency-Key finds the order undecided
    probe.send(order);
    probe.send(order);

    List<OrderEvent> events = probe.awaitEvents(order.orderId(), 2);
    assertThat(events.get(1)).isEqualTo(events.get(0));
    assertThat(rows.stock(widget)).isEqualTo(new Stock(10, 4));
    assertThat(
            rows.count("SELECT count(*) FROM stock_movements WHERE order_id = " + order.orderId()))
        .isEqualTo(1);
  }

  @Test
  void redeliveredOrderAnnouncesTheStockOfItsProductsAgain() throws Exception {
    long lamp = rows.product("Lamp", "9.00", 12);
    OrderPlaced order = order(new OrderLine(lamp, 4));

    probe.send(order);
    ProductStockChanged first =
        probe.awaitRecord(
            Topics.INVENTORY_EVENTS, ProductStockChanged.class, p -> p.productId() == lamp);
    ProductLowOnStock firstAlert =
        probe.awaitRecord(
            Topics.INVENTORY_ALERTS, ProductLowOnStock.class, a -> a.productId() == lamp);
    // as if the worker had crashed after its commit and before its publish
    probe.send(order);

    ProductStockChanged again =
        probe.awaitRecord(
            Topics.INVENTORY_EVENTS,
            ProductStockChanged.class,
            p -> p.productId() == lamp && p.at().isAfter(first.at()));
    assertThat(again.onHand()).isEqualTo(12);
    assertThat(again.reserved()).isEqualTo(4);
    ProductLowOnStock alertAgain =
        probe.awaitRecord(
            Topics.INVENTORY_ALERTS,
            ProductLowOnStock.class,
            a -> a.productId() == lamp && a.at().isAfter(firstAlert.at()));
    assertThat(alertAgain.available()).isEqualTo(8);
    assertThat(rows.stock(lamp)).isEqualTo(new Stock(12, 4));
  }

  @Test
  void twoHundredOrdersForFiftyUnitsReserveExactlyFifty() throws Exception {
    long scarce = rows.product("Scarce", "3.00", 50);
    List<OrderPlaced> orders =
        LongStream.range(0, 200).mapToObj(i -> order(new OrderLine(scarce, 1))).toList();

    orders.forEach(probe::send);

    List<OrderEvent> decisions =
        orders.stream().map(o -> probe.awaitEvents(o.orderId(), 1).get(0)).toList();
    assertThat(decisions.stream().filter(OrderReserved.class::isInstance)).hasSize(50);
    assertThat(decisions.stream().filter(OrderRejected.class::isInstance)).hasSize(150);
    assertThat(rows.stock(scarce)).isEqualTo(new Stock(50, 50));
  }

  @Test
  void unparsableCommandIsDeadLetteredAndItsPartitionMovesOn() throws Exception {
    long widget = rows.product("Widget", "2.00", 10);
    OrderPlaced order = order(new OrderLine(widget, 1));
    String key = String.valueOf(order.orderId());

    probe.sendRaw(new ProducerRecord<>(Topics.ORDERS_COMMANDS, key, "{not json".getBytes()));
    probe.send(order);

    assertThat(probe.awaitEvents(order.orderId(), 1).get(0)).isInstanceOf(OrderReserved.class);
    var letter = probe.awaitDeadLetter(Topics.deadLetterOf(Topics.ORDERS_COMMANDS), key);
    assertThat(
            new String(
                letter.headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8))
        .contains("not a valid OrderCommand");
    assertThat(letter.value()).isEqualTo("{not json".getBytes());
  }

  @Test
  void orderWhoseTotalCannotBeStoredIsRejectedWithAReasonWithoutFailingItsBatch() throws Exception {
    long crown = rows.product("Crown", "9999999999.99", 10_000);
    long widget = rows.product("Widget", "2.00", 10);
    OrderPlaced tooDear = order(new OrderLine(crown, 2));
    OrderPlaced ordinary = order(new OrderLine(widget, 1));

    probe.send(tooDear);
    probe.send(ordinary);

    OrderRejected rejected = (OrderRejected) probe.awaitEvents(tooDear.orderId(), 1).get(0);
    assertThat(rejected.reason())
        .isEqualTo(
            "Order total 19999999999.98 exceeds the largest amount an order may have,"
                + " 9999999999.99");
    assertThat(rejected.stockIssues()).isEmpty();
    assertThat(probe.awaitEvents(ordinary.orderId(), 1).get(0)).isInstanceOf(OrderReserved.class);
    assertThat(rows.stock(crown)).isEqualTo(new Stock(10_000, 0));
    assertThat(probe.deadLetters(Topics.deadLetterOf(Topics.ORDERS_COMMANDS)))
        .noneMatch(letter -> letter.key().equals(String.valueOf(tooDear.orderId())));
  }

  @Test
  void orderTheDatabaseRefusesIsRejectedRecordedAndDeadLetteredWhileItsBatchIsDecided()
      throws Exception {
    long widget = rows.product("Widget", "2.00", 10);
    // jsonb refuses the NUL character: the order's row cannot be written, whatever is retried
    OrderPlaced poison =
        new OrderPlaced(
            ORDER_IDS.incrementAndGet(),
            7,
            Instant.now(),
            new ShippingAddress("1 Main St\u0000", null, "Springfield", "IL", "62701", "US"),
            List.of(new OrderLine(widget, 3)));
    OrderPlaced before = order(new OrderLine(widget, 1));
    OrderPlaced after = order(new OrderLine(widget, 2));

    probe.send(before);
    probe.send(poison);
    probe.send(after);

    OrderRejected rejected = (OrderRejected) probe.awaitEvents(poison.orderId(), 1).get(0);
    assertThat(rejected.reason()).isEqualTo(UndecidableOrders.REASON);
    assertThat(rejected.stockIssues()).isEmpty();
    assertThat(rejected.version()).isEqualTo(1);
    assertThat(probe.awaitEvents(before.orderId(), 1).get(0)).isInstanceOf(OrderReserved.class);
    assertThat(probe.awaitEvents(after.orderId(), 1).get(0)).isInstanceOf(OrderReserved.class);
    assertThat(rows.stock(widget)).isEqualTo(new Stock(10, 3));
    var letter =
        probe.awaitDeadLetter(
            Topics.deadLetterOf(Topics.ORDERS_COMMANDS), String.valueOf(poison.orderId()));
    assertThat(
            new String(
                letter.headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8))
        .startsWith("cannot be decided: ")
        .contains("(SQLState ")
        .doesNotContain("Main St");
    assertThat(
            rows.count(
                "SELECT count(*) FROM orders WHERE status = 'rejected' AND version = 1 AND id = "
                    + poison.orderId()))
        .isEqualTo(1);

    probe.send(poison);

    List<OrderEvent> announced = probe.awaitEvents(poison.orderId(), 2);
    assertThat(announced.get(1)).isEqualTo(announced.get(0));
    assertThat(rows.count("SELECT count(*) FROM orders WHERE id = " + poison.orderId()))
        .isEqualTo(1);
    assertThat(rows.stock(widget)).isEqualTo(new Stock(10, 3));
  }

  @Test
  void cancellingTwiceWithTheSameCommandReleasesStockOnce() throws Exception {
    long widget = rows.product("Widget", "2.00", 10);
    OrderPlaced order = decided(new OrderLine(widget, 4));
    var cancel = statusChange(order.orderId(), OrderStatus.CANCELLED, "user:1");

    probe.send(cancel);
    probe.send(cancel);

    List<OrderEvent> events = probe.awaitEvents(order.orderId(), 3);
    assertThat(events.get(1)).isInstanceOf(OrderStatusChanged.class).isEqualTo(events.get(2));
    assertThat(events.get(1).version()).isEqualTo(2);
    assertThat(rows.stock(widget)).isEqualTo(new Stock(10, 0));
    assertThat(
            rows.count("SELECT count(*) FROM stock_movements WHERE order_id = " + order.orderId()))
        .isEqualTo(2);
  }

  @Test
  void redeliveredCancellationAnnouncesTheStockItReleasedAgain() throws Exception {
    long kettle = rows.product("Kettle", "30.00", 20);
    OrderPlaced order = decided(new OrderLine(kettle, 5));
    var cancel = statusChange(order.orderId(), OrderStatus.CANCELLED, "user:1");
    probe.send(cancel);
    ProductStockChanged released =
        probe.awaitRecord(
            Topics.INVENTORY_EVENTS,
            ProductStockChanged.class,
            p -> p.productId() == kettle && p.reserved() == 0 && p.at().isAfter(order.placedAt()));

    // as if the worker had crashed after committing the cancellation and before its publish
    probe.send(cancel);

    ProductStockChanged again =
        probe.awaitRecord(
            Topics.INVENTORY_EVENTS,
            ProductStockChanged.class,
            p -> p.productId() == kettle && p.at().isAfter(released.at()));
    assertThat(again.onHand()).isEqualTo(20);
    assertThat(again.reserved()).isZero();
    assertThat(rows.stock(kettle)).isEqualTo(new Stock(20, 0));
  }

  @Test
  void twoAdminsCancellingAtOnceReleaseStockOnce() throws Exception {
    long widget = rows.product("Widget", "2.00", 10);
    OrderPlaced order = decided(new OrderLine(widget, 4));

    for (String admin : List.of("user:1", "user:2")) {
      probe.send(statusChange(order.orderId(), OrderStatus.CANCELLED, admin));
    }

    List<OrderEvent> events = probe.awaitEvents(order.orderId(), 3);
    assertThat(events.get(1)).isInstanceOf(OrderStatusChanged.class);
    OrderChangeRefused refused = (OrderChangeRefused) events.get(2);
    assertThat(refused.detail()).isEqualTo("Cannot change status from cancelled to cancelled");
    assertThat(rows.stock(widget)).isEqualTo(new Stock(10, 0));
  }

  @Test
  void shippingTakesStockOffTheShelfAndDeletingReleasesIt() throws Exception {
    long widget = rows.product("Widget", "2.00", 10);
    OrderPlaced shipped = order(new OrderLine(widget, 3));
    OrderPlaced deleted = order(new OrderLine(widget, 2));
    probe.send(shipped);
    probe.send(deleted);
    probe.awaitEvents(shipped.orderId(), 1);
    probe.awaitEvents(deleted.orderId(), 1);

    for (OrderStatus status : List.of(OrderStatus.CONFIRMED, OrderStatus.SHIPPED)) {
      probe.send(statusChange(shipped.orderId(), status, "user:1"));
    }
    probe.send(
        new OrderDeletionRequested(deleted.orderId(), UUID.randomUUID(), "user:7", Instant.now()));

    assertThat(probe.awaitEvents(shipped.orderId(), 3).get(2).status())
        .isEqualTo(OrderStatus.SHIPPED);
    assertThat(probe.awaitEvents(deleted.orderId(), 2).get(1)).isInstanceOf(OrderDeleted.class);
    assertThat(rows.stock(widget)).isEqualTo(new Stock(7, 0));
  }

  @Test
  void productsAreCreatedRestockedAndAnnouncedWithLowStockAlerts() throws Exception {
    var creation =
        new ProductCreationRequested(
            UUID.randomUUID(), "Lamp", "A desk lamp", money("9.00"), 12, 10, "user:1");
    probe.send(creation);
    ProductStockChanged created =
        probe.awaitRecord(
            Topics.INVENTORY_EVENTS,
            ProductStockChanged.class,
            p -> creation.commandId().equals(p.commandId()));
    assertThat(created.onHand()).isEqualTo(12);
    assertThat(rows.stock(created.productId())).isEqualTo(new Stock(12, 0));

    OrderPlaced order = order(new OrderLine(created.productId(), 3));
    probe.send(order);
    ProductLowOnStock alert =
        probe.awaitRecord(
            Topics.INVENTORY_ALERTS,
            ProductLowOnStock.class,
            a -> a.productId() == created.productId());
    assertThat(alert.available()).isEqualTo(9);

    var restock = new RestockRequested(UUID.randomUUID(), created.productId(), 20, "user:1");
    probe.send(restock);
    probe.send(restock);
    ProductStockChanged restocked =
        probe.awaitRecord(
            Topics.INVENTORY_EVENTS,
            ProductStockChanged.class,
            p -> restock.commandId().equals(p.commandId()));
    assertThat(restocked.onHand()).isEqualTo(32);
    assertThat(restocked.reserved()).isEqualTo(3);
    assertThat(
            rows.count(
                "SELECT count(*) FROM stock_movements WHERE reason = 'restock' AND product_id = "
                    + created.productId()))
        .isEqualTo(1);
  }

  /** Places the order and waits for its decision. */
  private OrderPlaced decided(OrderLine... lines) {
    OrderPlaced order = order(lines);
    probe.send(order);
    probe.awaitEvents(order.orderId(), 1);
    return order;
  }

  private static OrderStatusChangeRequested statusChange(
      long orderId, OrderStatus status, String actor) {
    return new OrderStatusChangeRequested(orderId, UUID.randomUUID(), status, actor, Instant.now());
  }

  /** Each by a customer of its own, so that the per-customer caps stay out of the stock rules. */
  private static OrderPlaced order(OrderLine... lines) {
    long id = ORDER_IDS.incrementAndGet();
    return new OrderPlaced(id, id, Instant.now(), ADDRESS, List.of(lines));
  }

  private static BigDecimal money(String value) {
    return new BigDecimal(value);
  }
}
