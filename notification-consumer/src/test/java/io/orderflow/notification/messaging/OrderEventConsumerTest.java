package io.orderflow.notification.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.model.OrderChangeRefused;
import io.orderflow.model.OrderEvent;
import io.orderflow.model.OrderReserved;
import io.orderflow.model.OrderStatus;
import io.orderflow.model.OrderStatusChanged;
import io.orderflow.model.PricedLine;
import io.orderflow.model.ShippingAddress;
import io.orderflow.notification.service.Notifier;
import io.orderflow.stack.InfrastructureTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(InfrastructureTestResource.class)
class OrderEventConsumerTest {
  private static final AtomicLong ORDER_IDS = new AtomicLong(3_000_000);
  private static final long USER = 7;
  private static final Instant PLACED = Instant.parse("2026-01-05T10:00:00Z");
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Inject AgroalDataSource db;
  @Inject MeterRegistry meters;

  /** The test infrastructure's broker, as its super user (the test plays the other services). */
  private final Map<String, Object> kafka =
      InfrastructureTestResource.infrastructure().kafkaClientConfig();

  private EventSender sender;

  @BeforeEach
  void openSender() {
    sender = new EventSender(kafka);
  }

  @AfterEach
  void closeSender() {
    sender.close();
  }

  @Test
  void notifiesOncePerStatusChangeInVersionOrder() throws SQLException {
    long order = ORDER_IDS.incrementAndGet();
    OrderStatusChanged shipped = changed(order, 3, OrderStatus.CONFIRMED, OrderStatus.SHIPPED);

    int partition = sender.send(reserved(order));
    sender.send(changed(order, 2, OrderStatus.PENDING, OrderStatus.CONFIRMED));
    sender.send(shipped);
    sender.send(shipped);
    sender.send(refused(order, 3));
    awaitAllHandledBefore(partition);

    assertThat(notifications(order))
        .containsExactly(
            new Sent(1, "order_received", "Your order #" + order + " was received"),
            new Sent(2, "order_status_changed", "Your order #" + order + " is now confirmed"),
            new Sent(3, "order_status_changed", "Your order #" + order + " is now shipped"));
  }

  @Test
  void unparsableEventDoesNotBlockTheEventsBehindIt() throws SQLException {
    long order = ORDER_IDS.incrementAndGet();
    double malformedBefore = malformedCount();

    sender.sendRaw(String.valueOf(order), "{not json".getBytes(UTF_8));
    sender.send(reserved(order));

    await().atMost(WAIT).until(() -> !notifications(order).isEmpty());
    assertThat(notifications(order)).extracting(Sent::kind).containsExactly("order_received");
    assertThat(malformedCount()).isEqualTo(malformedBefore + 1);
  }

  /**
   * Sends another order's event behind everything on that partition and waits for its notification:
   * by then every earlier event on the partition has been handled.
   */
  private void awaitAllHandledBefore(int partition) {
    long marker = ORDER_IDS.incrementAndGet();
    sender.sendToPartition(partition, reserved(marker));
    await().atMost(WAIT).until(() -> !notifications(marker).isEmpty());
  }

  private double malformedCount() {
    return meters.counter(Notifier.EVENTS_COUNTER, "outcome", "malformed").count();
  }

  private List<Sent> notifications(long orderId) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT version, kind, subject FROM notification.sent_notifications"
                    + " WHERE order_id = ? ORDER BY created_at, version")) {
      select.setLong(1, orderId);
      List<Sent> sent = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          sent.add(new Sent(rs.getLong(1), rs.getString(2), rs.getString(3)));
        }
      }
      return sent;
    }
  }

  private static OrderEvent reserved(long orderId) {
    BigDecimal price = new BigDecimal("19.99");
    return new OrderReserved(
        orderId,
        1,
        USER,
        PLACED.plusSeconds(1),
        PLACED,
        new ShippingAddress("1 Main St", null, "Springfield", "IL", "62701", "US"),
        List.of(new PricedLine(11, "Premium Widget", 1, price, price)),
        price);
  }

  private static OrderStatusChanged changed(
      long orderId, long version, OrderStatus from, OrderStatus to) {
    return new OrderStatusChanged(
        orderId,
        version,
        USER,
        PLACED.plusSeconds(version),
        PLACED,
        UUID.randomUUID(),
        from,
        to,
        "user:1");
  }

  private static OrderChangeRefused refused(long orderId, long currentVersion) {
    return new OrderChangeRefused(
        orderId,
        currentVersion,
        USER,
        PLACED.plusSeconds(60),
        PLACED,
        UUID.randomUUID(),
        OrderStatus.SHIPPED,
        OrderChangeRefused.Reason.ILLEGAL_TRANSITION,
        "Cannot change status from shipped to cancelled");
  }

  private record Sent(long version, String kind, String subject) {}
}
