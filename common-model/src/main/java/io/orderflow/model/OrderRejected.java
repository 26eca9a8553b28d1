package io.orderflow.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/** At least one line could not be reserved; nothing was reserved. Lists only failing lines. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OrderRejected(
    long orderId,
    long version,
    long userId,
    Instant at,
    Instant placedAt,
    ShippingAddress shippingAddress,
    List<OrderLine> lines,
    List<StockIssue> stockIssues)
    implements OrderEvent {

  @Override
  @JsonIgnore
  public OrderStatus status() {
    return OrderStatus.REJECTED;
  }
}
