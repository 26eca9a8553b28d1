package io.orderflow.inventory.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.inventory.messaging.InventoryRows.Stock;
import io.orderflow.inventory.persistence.PendingOrderRepository.PendingOrder;
import io.orderflow.model.OrderEvent;
import io.orderflow.model.OrderLine;
import io.orderflow.model.OrderPlaced;
import io.orderflow.model.OrderReserved;
import io.orderflow.model.OrderStatus;
import io.orderflow.model.OrderStatusChangeRequested;
import io.orderflow.model.OrderStatusChanged;
import io.orderflow.model.ShippingAddress;
import io.orderflow.stack.InfrastructureTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(InfrastructureTestResource.class)
@TestProfile(ReservationExpiryTest.ShortReservations.class)
class ReservationExpiryTest extends WorkerLoopTest {
  private static final AtomicLong IDS = new AtomicLong(3_000_000);
  private static final ShippingAddress ADDRESS =
      new ShippingAddress("1 Main St", null, "Springfield", "IL", "62701", "US");

  /** Reservations last three seconds, looked at twice a second. */
  public static class ShortReservations implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "orderflow.worker.reservation-expiry.after", "PT3S",
          "orderflow.worker.reservation-expiry.interval", "PT0.5S");
    }
  }

  @Inject MeterRegistry meters;

  @Test
  void unconfirmedOrderIsCancelledOnceAndItsStockReleasedWhileAConfirmedOneStays()
      throws Exception {
    long widget = rows.product("Widget", "2.00", 10);
    OrderPlaced confirmed = order(new OrderLine(widget, 3));
    probe.send(confirmed);
    probe.awaitEvents(confirmed.orderId(), 1);
    probe.send(
        new OrderStatusChangeRequested(
            confirmed.orderId(),
            UUID.randomUUID(),
            OrderStatus.CONFIRMED,
            "user:1",
            Instant.now()));
    probe.awaitEvents(confirmed.orderId(), 2);
    OrderPlaced forgotten = order(new OrderLine(widget, 4));
    probe.send(forgotten);
    assertThat(probe.awaitEvents(forgotten.orderId(), 1).get(0)).isInstanceOf(OrderReserved.class);

    OrderStatusChanged expired =
        (OrderStatusChanged) probe.awaitEvents(forgotten.orderId(), 2).get(1);

    assertThat(expired.previousStatus()).isEqualTo(OrderStatus.PENDING);
    assertThat(expired.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(expired.by()).isEqualTo(ReservationExpiry.ACTOR);
    assertThat(expired.commandId())
        .isEqualTo(ReservationExpiry.commandIdFor(new PendingOrder(forgotten.orderId(), 1)));
    assertThat(rows.stock(widget)).isEqualTo(new Stock(10, 3));
    // counted once Kafka acknowledged the command, which may be just after the worker applied it
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> meters.counter("orderflow.worker.reservations.expired").count() > 0);
    assertThat(
            rows.count(
                "SELECT count(*) FROM order_status_history WHERE actor = 'system:reservation-expiry'"
                    + " AND order_id = "
                    + forgotten.orderId()))
        .isEqualTo(1);

    // a later order's expiry proves several runs passed since: none touched the first two again
    OrderPlaced later = order(new OrderLine(widget, 1));
    probe.send(later);
    assertThat(probe.awaitEvents(later.orderId(), 2).get(1).status())
        .isEqualTo(OrderStatus.CANCELLED);
    assertThat(probe.awaitEvents(forgotten.orderId(), 2)).hasSize(2);
    List<OrderEvent> confirmedEvents = probe.awaitEvents(confirmed.orderId(), 2);
    assertThat(confirmedEvents).hasSize(2);
    assertThat(confirmedEvents.get(1).status()).isEqualTo(OrderStatus.CONFIRMED);
    assertThat(
            rows.count(
                "SELECT count(*) FROM reservation_expiries WHERE order_id IN ("
                    + confirmed.orderId()
                    + ", "
                    + forgotten.orderId()
                    + ")"))
        .isEqualTo(1);
    assertThat(rows.stock(widget)).isEqualTo(new Stock(10, 3));
  }

  @Test
  void eachOrderVersionHasItsOwnStableCommandId() {
    PendingOrder order = new PendingOrder(41, 1);

    assertThat(ReservationExpiry.commandIdFor(order))
        .isEqualTo(ReservationExpiry.commandIdFor(new PendingOrder(41, 1)))
        .isNotEqualTo(ReservationExpiry.commandIdFor(new PendingOrder(41, 2)))
        .isNotEqualTo(ReservationExpiry.commandIdFor(new PendingOrder(42, 1)));
  }

  private static OrderPlaced order(OrderLine... lines) {
    long id = IDS.incrementAndGet();
    return new OrderPlaced(id, id, Instant.now(), ADDRESS, List.of(lines));
  }
}
