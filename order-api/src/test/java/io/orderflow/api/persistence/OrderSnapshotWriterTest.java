package io.orderflow.api.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.agroal.api.AgroalDataSource;
import io.orderflow.api.domain.OrderView;
import io.orderflow.api.domain.OrderView.OrderItemView;
import io.orderflow.api.domain.OrderView.StatusChange;
import io.orderflow.model.OrderLine;
import io.orderflow.model.OrderPlaced;
import io.orderflow.model.OrderReserved;
import io.orderflow.model.OrderStatus;
import io.orderflow.model.PricedLine;
import io.orderflow.model.ShippingAddress;
import io.orderflow.stack.InfrastructureTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The read model's one writer of whole orders, against the real database: the order received when
 * its decision is late, then its decision, each written once whatever the order they arrive in.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureTestResource.class)
class OrderSnapshotWriterTest {
  private static final AtomicLong ORDER_IDS = new AtomicLong(950_000_000);
  private static final ShippingAddress ADDRESS =
      new ShippingAddress("2 Side St", "Flat 3", "Springfield", "IL", "62701", "US");
  private static final Instant PLACED = Instant.now().truncatedTo(ChronoUnit.MICROS);

  @Inject ReadModelWriter writer;
  @Inject OrderReadRepository orders;
  @Inject AgroalDataSource dataSource;

  @Test
  void aReceivedOrderHoldsItsRequestedLinesAndIsWrittenOnce() {
    OrderPlaced placed = placed();

    writer.insertReceived(placed);
    writer.insertReceived(placed);

    OrderView read = orders.findById(placed.orderId()).orElseThrow();
    assertThat(read.status()).isEqualTo(OrderStatus.RECEIVED);
    assertThat(read.orderItems())
        .extracting(OrderItemView::productId, OrderItemView::quantity, OrderItemView::unitPrice)
        .containsExactly(tuple(11L, 2, null), tuple(12L, 1, null));
    assertThat(read.statusHistory())
        .containsExactly(new StatusChange(OrderStatus.RECEIVED, PLACED, "user:77"));
    assertThat(read.shippingAddressLine2()).isEqualTo("Flat 3");
  }

  @Test
  void aDecisionReplacesTheRequestedLinesAndAnswersAsTheDatabaseReadsIt() throws SQLException {
    OrderPlaced placed = placed();
    writer.insertReceived(placed);

    Projected first = apply(reserved(placed));
    OrderView read = orders.findById(placed.orderId()).orElseThrow();

    assertThat(first.applied()).isEqualTo(1);
    assertThat(first.decided().values()).containsExactly(read);
    assertThat(read.status()).isEqualTo(OrderStatus.PENDING);
    assertThat(read.totalAmount()).isEqualByComparingTo("25.00");
    assertThat(read.orderItems())
        .extracting(OrderItemView::productName)
        .containsExactly("Eleven", "Twelve");
    assertThat(read.statusHistory())
        .extracting(StatusChange::status)
        .containsExactly(OrderStatus.RECEIVED, OrderStatus.PENDING);
    assertThat(apply(reserved(placed)).applied()).as("the same decision again").isZero();
  }

  @Test
  void aReceivedOrderArrivingAfterItsDecisionChangesNothing() throws SQLException {
    OrderPlaced placed = placed();
    apply(reserved(placed));

    writer.insertReceived(placed);

    OrderView read = orders.findById(placed.orderId()).orElseThrow();
    assertThat(read.status()).isEqualTo(OrderStatus.PENDING);
    assertThat(read.orderItems()).extracting(OrderItemView::unitPrice).doesNotContainNull();
    assertThat(read.statusHistory()).hasSize(2);
  }

  private Projected apply(OrderReserved decision) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      Projected projected = writer.applyAll(c, List.of(decision));
      c.commit();
      return projected;
    }
  }

  private static OrderPlaced placed() {
    return new OrderPlaced(
        ORDER_IDS.incrementAndGet(),
        77,
        PLACED,
        ADDRESS,
        List.of(new OrderLine(11, 2), new OrderLine(12, 1)));
  }

  private static OrderReserved reserved(OrderPlaced placed) {
    return new OrderReserved(
        placed.orderId(),
        1,
        placed.userId(),
        PLACED.plusSeconds(1),
        placed.placedAt(),
        ADDRESS,
        List.of(
            new PricedLine(11, "Eleven", 2, new BigDecimal("10.00"), new BigDecimal("20.00")),
            new PricedLine(12, "Twelve", 1, new BigDecimal("5.00"), new BigDecimal("5.00"))),
        new BigDecimal("25.00"));
  }
}
