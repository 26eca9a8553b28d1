package io.orderflow.model;

import static io.orderflow.model.OrderStatus.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrderStatusTest {
  private static final Map<OrderStatus, Set<OrderStatus>> LEGAL =
      Map.of(
          RECEIVED, Set.of(PENDING, REJECTED),
          PENDING, Set.of(CONFIRMED, CANCELLED),
          CONFIRMED, Set.of(SHIPPED, CANCELLED),
          SHIPPED, Set.of(DELIVERED));

  @Test
  void onlyTheDocumentedMovesAreLegal() {
    for (OrderStatus from : values()) {
      for (OrderStatus to : values()) {
        boolean expected = LEGAL.getOrDefault(from, Set.of()).contains(to);
        assertEquals(expected, from.canMoveTo(to), from + " -> " + to);
      }
    }
  }

  @Test
  void onlyPendingAndConfirmedHoldStock() {
    EnumSet<OrderStatus> holding = EnumSet.noneOf(OrderStatus.class);
    for (OrderStatus s : values()) {
      if (s.holdsReservation()) {
        holding.add(s);
      }
    }
    assertEquals(EnumSet.of(PENDING, CONFIRMED), holding);
  }

  @Test
  void deliveredCancelledAndRejectedAreFinal() {
    EnumSet<OrderStatus> terminal = EnumSet.noneOf(OrderStatus.class);
    for (OrderStatus s : values()) {
      if (s.isFinal()) {
        terminal.add(s);
      }
    }
    assertEquals(EnumSet.of(DELIVERED, CANCELLED, REJECTED), terminal);
  }

  @Test
  void parsesWireNamesOnly() {
    assertEquals(Optional.of(SHIPPED), OrderStatus.parse("shipped"));
    assertEquals(Optional.empty(), OrderStatus.parse("SHIPPED"));
    assertEquals(Optional.empty(), OrderStatus.parse("lost"));
  }
}
