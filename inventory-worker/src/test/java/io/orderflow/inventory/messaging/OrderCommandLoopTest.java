package io.orderflow.inventory.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.orderflow.model.DeadLetterHeaders;
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
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(InfrastructureTestResource.class)
class OrderCommandLoopTest {
  private static final AtomicLong ORDER_IDS = new AtomicLong(1_000_000);
  private static final ShippingAddress ADDRESS =
      new ShippingAddress("1 Main St", null, "Springfield", "IL", "62701", "US");

  @Inject AgroalDataSource db;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  private TopicProbe probe;

  @BeforeEach
  void openProbe() {
    probe = new TopicProbe(bootstrap);
  }

  @AfterEach
  void closeProbe() {
    probe.close();
  }

  @Test
  void reservesStockAndAnnouncesPendingOrderAtCatalogPrices() throws Exception {
    long widget = product("Premium Widget", "19.99", 10);
    long gadget = product("Gadget", "5.50", 3);
    OrderPlaced order = order(new OrderLine(widget, 2), new OrderLine(gadget, 3));

    probe.send(order);

    OrderReserved reserved = (OrderReserved) probe.awaitEvents(order.orderId(), 1).get(0);
    assertThat(reserved.version()).isEqualTo(1);
    assertThat(reserved.items())
        .containsExactly(
            new PricedLine(widget, "Premium Widget", 2, money("19.99"), money("39.98")),
            new PricedLine(gadget, "Gadget", 3, money("5.50"), money("16.50")));
    assertThat(reserved.totalAmount()).isEqualTo(money("56.48"));
    assertThat(stock(widget)).isEqualTo(new Stock(10, 2));
    assertThat(stock(gadget)).isEqualTo(new Stock(3, 3));
  }

  @Test
  void rejectsWholeOrderListingOnlyFailingLinesAndUnknownProducts() throws Exception {
    long widget = product("Premium Widget", "19.99", 2);
    long plenty = product("Plenty", "1.00", 100);
    long unknown = 987_654_321L;
    OrderPlaced order =
        order(new OrderLine(plenty, 1), new OrderLine(widget, 5), new OrderLine(unknown, 1));

    probe.send(order);

    OrderRejected rejected = (OrderRejected) probe.awaitEvents(order.orderId(), 1).get(0);
    assertThat(rejected.stockIssues())
        .containsExactly(
            StockIssue.insufficient(widget, "Premium Widget", 5, 2),
            StockIssue.productNotFound(unknown, 1));
    assertThat(stock(plenty)).isEqualTo(new Stock(100, 0));
    assertThat(stock(widget)).isEqualTo(new Stock(2, 0));
  }

  @Test
  void sameOrderDeliveredTwiceIsDecidedOnceAndAnnouncedAgain() throws Exception {
    long widget = product("Widget", "2.00", 10);
    OrderPlaced order = order(new OrderLine(widget, 4));

    probe.send(order);
    probe.awaitEvents(order.orderId(), 1);
    probe.send(order);

    List<OrderEvent> events = probe.awaitEvents(order.orderId(), 2);
    assertThat(events.get(1)).isEqualTo(events.get(0));
    assertThat(stock(widget)).isEqualTo(new Stock(10, 4));
    assertThat(count("SELECT count(*) FROM orders WHERE id = " + order.orderId())).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM stock_movements WHERE order_id = " + order.orderId()))
        .isEqualTo(1);
  }

  @Test
  void redeliveredOrderAnnouncesTheStockOfItsProductsAgain() throws Exception {
    long lamp = product("Lamp", "9.00", 12);
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
    assertThat(stock(lamp)).isEqualTo(new Stock(12, 4));
  }

  @Test
  void twoHundredOrdersForFiftyUnitsReserveExactlyFifty() throws Exception {
    long scarce = product("Scarce", "3.00", 50);
    List<OrderPlaced> orders =
        LongStream.range(0, 200).mapToObj(i -> order(new OrderLine(scarce, 1))).toList();

    orders.forEach(probe::send);

    List<OrderEvent> decisions =
        orders.stream().map(o -> probe.awaitEvents(o.orderId(), 1).get(0)).toList();
    assertThat(decisions.stream().filter(OrderReserved.class::isInstance)).hasSize(50);
    assertThat(decisions.stream().filter(OrderRejected.class::isInstance)).hasSize(150);
    assertThat(stock(scarce)).isEqualTo(new Stock(50, 50));
  }

  @Test
  void unparsableCommandIsDeadLetteredAndItsPartitionMovesOn() throws Exception {
    long widget = product("Widget", "2.00", 10);
    OrderPlaced order = order(new OrderLine(widget, 1));
    String key = String.valueOf(order.orderId());

    probe.sendRaw(new ProducerRecord<>(Topics.ORDERS_COMMANDS, key, "{not json".getBytes()));
    probe.send(order);

    assertThat(probe.awaitEvents(order.orderId(), 1).get(0)).isInstanceOf(OrderReserved.class);
    var letter = probe.awaitDeadLetter(Topics.deadLetterOf(Topics.ORDERS_COMMANDS), key);
    assertThat(
            new String(
                letter.headers().lastHeader(DeadLetterHeaders.REASON).value(),
                StandardCharsets.UTF_8))
        .contains("not a valid OrderCommand");
    assertThat(letter.value()).isEqualTo("{not json".getBytes());
  }

  @Test
  void cancellingTwiceWithTheSameCommandReleasesStockOnce() throws Exception {
    long widget = product("Widget", "2.00", 10);
    OrderPlaced order = order(new OrderLine(widget, 4));
    probe.send(order);
    probe.awaitEvents(order.orderId(), 1);
    var cancel =
        new OrderStatusChangeRequested(
            order.orderId(), UUID.randomUUID(), OrderStatus.CANCELLED, "user:1", Instant.now());

    probe.send(cancel);
    probe.send(cancel);

    List<OrderEvent> events = probe.awaitEvents(order.orderId(), 3);
    assertThat(events.get(1)).isInstanceOf(OrderStatusChanged.class).isEqualTo(events.get(2));
    assertThat(events.get(1).version()).isEqualTo(2);
    assertThat(stock(widget)).isEqualTo(new Stock(10, 0));
    assertThat(count("SELECT count(*) FROM stock_movements WHERE order_id = " + order.orderId()))
        .isEqualTo(2);
  }

  @Test
  void twoAdminsCancellingAtOnceReleaseStockOnce() throws Exception {
    long widget = product("Widget", "2.00", 10);
    OrderPlaced order = order(new OrderLine(widget, 4));
    probe.send(order);
    probe.awaitEvents(order.orderId(), 1);

    for (String admin : List.of("user:1", "user:2")) {
      probe.send(
          new OrderStatusChangeRequested(
              order.orderId(), UUID.randomUUID(), OrderStatus.CANCELLED, admin, Instant.now()));
    }

    List<OrderEvent> events = probe.awaitEvents(order.orderId(), 3);
    assertThat(events.get(1)).isInstanceOf(OrderStatusChanged.class);
    OrderChangeRefused refused = (OrderChangeRefused) events.get(2);
    assertThat(refused.detail()).isEqualTo("Cannot change status from cancelled to cancelled");
    assertThat(stock(widget)).isEqualTo(new Stock(10, 0));
  }

  @Test
  void shippingTakesStockOffTheShelfAndDeletingReleasesIt() throws Exception {
    long widget = product("Widget", "2.00", 10);
    OrderPlaced shipped = order(new OrderLine(widget, 3));
    OrderPlaced deleted = order(new OrderLine(widget, 2));
    probe.send(shipped);
    probe.send(deleted);
    probe.awaitEvents(shipped.orderId(), 1);
    probe.awaitEvents(deleted.orderId(), 1);

    for (OrderStatus status : List.of(OrderStatus.CONFIRMED, OrderStatus.SHIPPED)) {
      probe.send(
          new OrderStatusChangeRequested(
              shipped.orderId(), UUID.randomUUID(), status, "user:1", Instant.now()));
    }
    probe.send(
        new OrderDeletionRequested(deleted.orderId(), UUID.randomUUID(), "user:7", Instant.now()));

    assertThat(probe.awaitEvents(shipped.orderId(), 3).get(2).status())
        .isEqualTo(OrderStatus.SHIPPED);
    assertThat(probe.awaitEvents(deleted.orderId(), 2).get(1)).isInstanceOf(OrderDeleted.class);
    assertThat(stock(widget)).isEqualTo(new Stock(7, 0));
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
    assertThat(stock(created.productId())).isEqualTo(new Stock(12, 0));

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
            count(
                "SELECT count(*) FROM stock_movements WHERE reason = 'restock' AND product_id = "
                    + created.productId()))
        .isEqualTo(1);
  }

  private static OrderPlaced order(OrderLine... lines) {
    return new OrderPlaced(ORDER_IDS.incrementAndGet(), 7, Instant.now(), ADDRESS, List.of(lines));
  }

  private long product(String name, String price, int onHand) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO inventory.products (name, price, on_hand) VALUES (?, ?, ?) RETURNING id")) {
      insert.setString(1, name);
      insert.setBigDecimal(2, new BigDecimal(price));
      insert.setInt(3, onHand);
      try (ResultSet rs = insert.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private Stock stock(long productId) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement select =
            c.prepareStatement("SELECT on_hand, reserved FROM inventory.products WHERE id = ?")) {
      select.setLong(1, productId);
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        return new Stock(rs.getInt(1), rs.getInt(2));
      }
    }
  }

  private long count(String sql) throws SQLException {
    try (Connection c = db.getConnection();
        ResultSet rs = c.createStatement().executeQuery(sql.replace("FROM ", "FROM inventory."))) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static BigDecimal money(String value) {
    return new BigDecimal(value);
  }

  record Stock(int onHand, int reserved) {}
}
