package io.orderflow.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.api.domain.OrderView;
import io.orderflow.api.domain.OrderView.OrderItemView;
import io.orderflow.api.domain.OrderView.StatusChange;
import io.orderflow.model.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderStatisticsTest {
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  @Test
  void figuresAreComputedFromThatOrderAlone() {
    OrderView order =
        new OrderView(
            9,
            7,
            T0,
            OrderStatus.CONFIRMED,
            new BigDecimal("41.00"),
            "1 Main St",
            null,
            "Springfield",
            "IL",
            "62701",
            "US",
            List.of(
                new OrderItemView(1L, 1, "A", 3, new BigDecimal("2.00"), new BigDecimal("6.00")),
                new OrderItemView(2L, 2, "B", 5, new BigDecimal("7.00"), new BigDecimal("35.00"))),
            List.of(
                new StatusChange(OrderStatus.RECEIVED, T0, "user:7"),
                new StatusChange(OrderStatus.PENDING, T0.plusSeconds(2), "inventory-worker"),
                new StatusChange(OrderStatus.CONFIRMED, T0.plusSeconds(62), "user:1")),
            null,
            null);

    OrderStatistics stats = OrderStatistics.of(order, T0.plusSeconds(662));

    assertThat(stats.itemCount()).isEqualTo(2);
    assertThat(stats.totalQuantity()).isEqualTo(8);
    assertThat(stats.distinctProducts()).isEqualTo(2);
    assertThat(stats.totalAmount()).isEqualTo(new BigDecimal("41.00"));
    assertThat(stats.averageUnitPrice()).isEqualTo(new BigDecimal("4.50"));
    assertThat(stats.secondsInStatus())
        .isEqualTo(
            Map.of(
                OrderStatus.RECEIVED, 2L, OrderStatus.PENDING, 60L, OrderStatus.CONFIRMED, 600L));
  }
}
