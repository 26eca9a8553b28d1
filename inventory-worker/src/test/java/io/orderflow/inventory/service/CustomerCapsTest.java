package io.orderflow.inventory.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.inventory.domain.CustomerHolding;
import io.orderflow.inventory.domain.OrderState;
import io.orderflow.inventory.service.CustomerCaps.Cap;
import io.orderflow.inventory.service.CustomerCaps.Limits;
import io.orderflow.model.OrderLine;
import io.orderflow.model.OrderStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomerCapsTest {
  private static final Limits LIMITS = new Limits(3, 100);
  private static final long ALICE = 7;
  private static final long BOB = 8;

  @Test
  void customerWithinBothCapsMayReserve() {
    CustomerCaps caps = new CustomerCaps(LIMITS, Map.of(ALICE, new CustomerHolding(2, 90)));

    assertThat(caps.check(ALICE, List.of(new OrderLine(1, 4), new OrderLine(2, 6)))).isEmpty();
    assertThat(caps.check(BOB, List.of(new OrderLine(1, 100)))).isEmpty();
    assertThat(caps.refusals()).isEmpty();
  }

  @Test
  void orderBeyondThePendingOrderCapIsRefusedWithNothingLeftToReserve() {
    CustomerCaps caps = new CustomerCaps(LIMITS, Map.of(ALICE, new CustomerHolding(3, 3)));

    CustomerCaps.Refusal refusal = caps.check(ALICE, List.of(new OrderLine(1, 1))).orElseThrow();

    assertThat(refusal.cap()).isEqualTo(Cap.PENDING_ORDERS);
    assertThat(refusal.error())
        .isEqualTo(
            "Too many pending orders: at most 3 per customer until some are confirmed or cancelled");
    assertThat(caps.refusals()).isEqualTo(Map.of(Cap.PENDING_ORDERS, 1));
  }

  @Test
  void orderBeyondThePendingUnitCapIsRefusedNamingWhatIsLeft() {
    CustomerCaps caps = new CustomerCaps(LIMITS, Map.of(ALICE, new CustomerHolding(1, 95)));

    CustomerCaps.Refusal refusal =
        caps.check(ALICE, List.of(new OrderLine(1, 4), new OrderLine(2, 2))).orElseThrow();

    assertThat(refusal.cap()).isEqualTo(Cap.PENDING_UNITS);
    assertThat(refusal.error())
        .isEqualTo(
            "Too many units reserved: at most 100 per customer in pending orders,"
                + " 95 already reserved, this order adds 6");
  }

  @Test
  void oneOrderOverTheUnitCapIsRefusedEvenWithoutPendingOrders() {
    CustomerCaps caps = new CustomerCaps(LIMITS, Map.of());

    assertThat(caps.check(BOB, List.of(new OrderLine(1, 101))).orElseThrow().cap())
        .isEqualTo(Cap.PENDING_UNITS);
    assertThat(caps.check(BOB, List.of(new OrderLine(1, 100)))).isEmpty();
  }

  @Test
  void reservationsOfTheBatchCountForTheOrdersAfterThem() {
    CustomerCaps caps = new CustomerCaps(LIMITS, Map.of(ALICE, new CustomerHolding(1, 10)));

    caps.hold(ALICE, List.of(new OrderLine(1, 10)));
    caps.hold(ALICE, List.of(new OrderLine(1, 10)));

    assertThat(caps.check(ALICE, List.of(new OrderLine(1, 1))).orElseThrow().cap())
        .isEqualTo(Cap.PENDING_ORDERS);
  }

  @Test
  void anOrderLeavingPendingFreesItsOrderAndUnits() {
    CustomerCaps caps = new CustomerCaps(LIMITS, Map.of(ALICE, new CustomerHolding(3, 100)));
    OrderState pending = order(ALICE, OrderStatus.PENDING, 60);

    caps.follow(pending, pending.next(OrderStatus.CANCELLED, false));

    assertThat(caps.check(ALICE, List.of(new OrderLine(1, 60)))).isEmpty();
    assertThat(caps.check(ALICE, List.of(new OrderLine(1, 61)))).isPresent();
  }

  @Test
  void confirmingAlsoEndsTheHoldButLaterMovesChangeNothing() {
    CustomerCaps caps = new CustomerCaps(LIMITS, Map.of(ALICE, new CustomerHolding(3, 30)));
    OrderState pending = order(ALICE, OrderStatus.PENDING, 10);
    OrderState confirmed = pending.next(OrderStatus.CONFIRMED, false);

    caps.follow(pending, confirmed);
    caps.follow(confirmed, confirmed.next(OrderStatus.CANCELLED, false));

    assertThat(caps.check(ALICE, List.of(new OrderLine(1, 1)))).isEmpty();
    caps.hold(ALICE, List.of(new OrderLine(1, 1)));
    assertThat(caps.check(ALICE, List.of(new OrderLine(1, 1)))).isPresent();
  }

  @Test
  void refusalRejectsTheOrderAsAWholeWithTheCapAsItsReasonNotAsAStockShortage() {
    CustomerCaps.Refusal refusal = new CustomerCaps.Refusal(Cap.PENDING_UNITS, "too many");

    Decision.Rejected rejected = refusal.rejection();

    assertThat(rejected.reason()).isEqualTo("too many");
    assertThat(rejected.stockIssues()).isEmpty();
  }

  @Test
  void unlimitedCapsRefuseNothing() {
    CustomerCaps caps = CustomerCaps.unlimited();
    caps.hold(ALICE, List.of(new OrderLine(1, 10_000)));

    assertThat(caps.check(ALICE, List.of(new OrderLine(1, 10_000)))).isEmpty();
  }

  private static OrderState order(long userId, OrderStatus status, int units) {
    return new OrderState(
        41, userId, status, 1, Instant.now(), false, List.of(new OrderLine(1, units)));
  }
}
