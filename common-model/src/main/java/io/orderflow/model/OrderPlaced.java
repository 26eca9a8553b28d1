package io.orderflow.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/** A customer placed an order; the worker decides it (reserve stock or reject) exactly once. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OrderPlaced(
    long orderId,
    long userId,
    Instant placedAt,
    ShippingAddress shippingAddress,
    List<OrderLine> lines)
    implements OrderCommand {}
