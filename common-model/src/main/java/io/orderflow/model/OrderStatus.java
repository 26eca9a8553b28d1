package io.orderflow.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Lifecycle of an order; {@link #canMoveTo} is the one place that knows the legal moves. */
public enum OrderStatus {
  RECEIVED,
  PENDING,
  REJECTED,
  CONFIRMED,
  SHIPPED,
  DELIVERED,
  CANCELLED;

  public boolean canMoveTo(OrderStatus next) {
    return successors().contains(next);
  }

  /** True once nothing can happen to the order any more: delivered, cancelled or rejected. */
  public boolean isFinal() {
    return successors().isEmpty();
  }

  /** True while the order holds reserved stock that cancelling must release. */
  public boolean holdsReservation() {
    return this == PENDING || this == CONFIRMED;
  }

  private Set<OrderStatus> successors() {
    return switch (this) {
      case RECEIVED -> Set.of(PENDING, REJECTED);
      case PENDING -> Set.of(CONFIRMED, CANCELLED);
      case CONFIRMED -> Set.of(SHIPPED, CANCELLED);
      case SHIPPED -> Set.of(DELIVERED);
      case REJECTED, DELIVERED, CANCELLED -> Set.of();
    };
  }

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the wire name; empty for anything that is not a status. */
  public static Optional<OrderStatus> parse(String wireName) {
    return Arrays.stream(values()).filter(s -> s.wireName().equals(wireName)).findFirst();
  }

  @JsonCreator
  static OrderStatus fromJson(String wireName) {
    return parse(wireName)
        .orElseThrow(() -> new IllegalArgumentException("unknown order status: " + wireName));
  }
}
