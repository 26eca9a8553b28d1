package io.orderflow.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Why one requested line could not be reserved; the shape clients see in a 400. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StockIssue(
    long productId,
    String productName,
    int requested,
    int available,
    boolean sufficient,
    String error) {

  public static StockIssue insufficient(
      long productId, String productName, int requested, int available) {
    return new StockIssue(
        productId,
        productName,
        requested,
        available,
        false,
        "Insufficient stock. Available: " + available + ", Requested: " + requested);
  }

  public static StockIssue productNotFound(long productId, int requested) {
    return new StockIssue(productId, null, requested, 0, false, "Product not found");
  }
}
