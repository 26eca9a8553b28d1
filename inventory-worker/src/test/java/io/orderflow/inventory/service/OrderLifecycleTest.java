package io.orderflow.inventory.service;

import static io.orderflow.model.OrderStatus.CANCELLED;
import static io.orderflow.model.OrderStatus.CONFIRMED;
import static io.orderflow.model.OrderStatus.DELIVERED;
import static io.orderflow.model.OrderStatus.PENDING;
import static io.orderflow.model.OrderStatus.SHIPPED;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.inventory.domain.OrderState;
import io.orderflow.inventory.domain.ProductStock;
import io.orderflow.inventory.domain.StockMovement;
import io.orderflow.model.OrderChangeRefused;
import io.orderflow.model.OrderDeleted;
import io.orderflow.model.OrderDeletionRequested;
import io.orderflow.model.OrderLine;
import io.orderflow.model.OrderStatus;
import io.orderflow.model.OrderStatusChangeRequested;
import io.orderflow.model.OrderStatusChanged;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OrderLifecycleTest {
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  private static final List<OrderLine> ITEMS = List.of(new OrderLine(1, 3));

  private static StockLedger ledger() {
    return new StockLedger(List.of(new ProductStock(1, "Widget", null, BigDecimal.ONE, 10, 3, 0)));
  }

  private static OrderState order(OrderStatus status) {
    return new OrderState(42, 7, status, 2, NOW.minusSeconds(60), false, ITEMS);
  }

  private static OrderStatusChangeRequested move(OrderStatus to) {
    return new OrderStatusChangeRequested(42, UUID.randomUUID(), to, "user:1", NOW);
  }

  @ParameterizedTest
  @EnumSource(OrderStatus.class)
  void everyMoveIsAppliedExactlyWhenTheStatusRulesAllowIt(OrderStatus from) {
    for (OrderStatus to : OrderStatus.values()) {
      OrderLifecycle.Outcome outcome = OrderLifecycle.apply(order(from), move(to), ledger(), NOW);

      if (from.canMoveTo(to)) {
        OrderStatusChanged changed = (OrderStatusChanged) outcome.event();
        assertThat(changed.previousStatus()).isEqualTo(from);
        assertThat(changed.status()).isEqualTo(to);
        assertThat(changed.version()).isEqualTo(3);
        assertThat(outcome.state().status()).isEqualTo(to);
      } else {
        OrderChangeRefused refused = (OrderChangeRefused) outcome.event();
        assertThat(refused.reason()).isEqualTo(OrderChangeRefused.Reason.ILLEGAL_TRANSITION);
        assertThat(refused.detail())
            .isEqualTo("Cannot change status from " + from.wireName() + " to " + to.wireName());
        assertThat(refused.version()).isEqualTo(2);
      }
    }
  }

  @Test
  void cancellingReleasesTheReservation() {
    for (OrderStatus from : List.of(PENDING, CONFIRMED)) {
      StockLedger ledger = ledger();
      OrderLifecycle.apply(order(from), move(CANCELLED), ledger, NOW);
      assertThat(ledger.changedProducts())
          .containsExactly(new ProductStock(1, "Widget", null, BigDecimal.ONE, 10, 0, 0));
    }
  }

  @Test
  void shippingTakesGoodsOffTheShelfAndOtherMovesLeaveStockAlone() {
    StockLedger shipped = ledger();
    OrderLifecycle.apply(order(CONFIRMED), move(SHIPPED), shipped, NOW);
    assertThat(shipped.changedProducts())
        .containsExactly(new ProductStock(1, "Widget", null, BigDecimal.ONE, 7, 0, 0));

    StockLedger other = ledger();
    OrderLifecycle.apply(order(PENDING), move(CONFIRMED), other, NOW);
    OrderLifecycle.apply(order(SHIPPED), move(DELIVERED), other, NOW);
    assertThat(other.movements()).isEmpty();
  }

  @Test
  void onlyPendingOrdersCanBeDeletedAndDeletingReleasesStock() {
    StockLedger ledger = ledger();
    var deletion = new OrderDeletionRequested(42, UUID.randomUUID(), "user:7", NOW);

    OrderLifecycle.Outcome deleted = OrderLifecycle.apply(order(PENDING), deletion, ledger, NOW);
    OrderLifecycle.Outcome refused =
        OrderLifecycle.apply(order(CONFIRMED), deletion, ledger(), NOW);

    assertThat(deleted.event()).isInstanceOf(OrderDeleted.class);
    assertThat(deleted.state().deleted()).isTrue();
    assertThat(ledger.movements())
        .containsExactly(new StockMovement(1, 42L, -3, 0, "order_deleted"));
    assertThat(((OrderChangeRefused) refused.event()).detail())
        .isEqualTo("Only pending orders can be deleted");
  }

  @Test
  void missingOrDeletedOrdersAreNotFound() {
    OrderState deleted = new OrderState(42, 7, CANCELLED, 3, NOW, true, ITEMS);
    for (OrderState order : java.util.Arrays.asList(null, deleted)) {
      OrderChangeRefused refused =
          (OrderChangeRefused) OrderLifecycle.apply(order, move(CONFIRMED), ledger(), NOW).event();
      assertThat(refused.reason()).isEqualTo(OrderChangeRefused.Reason.ORDER_NOT_FOUND);
    }
  }
}
