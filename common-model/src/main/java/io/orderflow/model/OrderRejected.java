package io.orderflow.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * The order was refused; nothing was reserved. Either some lines lack stock ({@code stockIssues}
 * lists only the failing lines, {@code reason} is absent), or the order as a whole could not be
 * taken ({@code reason} says why in words a customer can read, {@code stockIssues} is empty).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OrderRejected(
    long orderId,
    long version,
    long userId,
    Instant at,
    Instant placedAt,
    ShippingAddress shippingAddress,
    List<OrderLine> lines,
    List<StockIssue> stockIssues,
    @JsonInclude(JsonInclude.Include.NON_NULL) String reason)
    implements OrderEvent {

  /** Rejected for stock: the failing lines say why. */
  public OrderRejected(
      long orderId,
      long version,
      long userId,
      Instant at,
      Instant placedAt,
      ShippingAddress shippingAddress,
      List<OrderLine> lines,
      List<StockIssue> stockIssues) {
    this(orderId, version, userId, at, placedAt, shippingAddress, lines, stockIssues, null);
  }

  @Override
  @JsonIgnore
  public OrderStatus status() {
    return OrderStatus.REJECTED;
  }
}
