package io.orderflow.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A requested line: which product and how many. Prices are the worker's to decide. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OrderLine(long productId, int quantity) {}
