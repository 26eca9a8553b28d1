package io.orderflow.bench.reference;

import io.orderflow.model.StockIssue;
import java.util.List;

/** The 400 body of an order rejected for stock, as order-api answers it. */
public record StockRejection(Detail detail) {
  public record Detail(String message, List<StockIssue> stockIssues) {}

  static StockRejection of(List<StockIssue> issues) {
    return new StockRejection(new Detail("Some products have insufficient stock", issues));
  }
}
