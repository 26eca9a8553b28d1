package io.orderflow.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Stock for every line was reserved: the order is {@code pending}, priced from the catalog. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OrderReserved(
    long orderId,
    long version,
    long userId,
    Instant at,
    Instant placedAt,
    ShippingAddress shippingAddress,
    List<PricedLine> items,
    BigDecimal totalAmount)
    implements OrderEvent {

  @Override
  @JsonIgnore
  public OrderStatus status() {
    return OrderStatus.PENDING;
  }
}
