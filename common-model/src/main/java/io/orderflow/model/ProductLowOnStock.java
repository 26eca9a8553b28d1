package io.orderflow.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/** A product's available stock fell to or below its threshold (it was above before). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProductLowOnStock(
    long productId, String name, int available, int lowStockThreshold, Instant at) {}
