package io.orderflow.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;

/** A reserved line priced from the catalog at decision time. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PricedLine(
    long productId, String productName, int quantity, BigDecimal unitPrice, BigDecimal subtotal) {}
