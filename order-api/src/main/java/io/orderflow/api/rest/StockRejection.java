package io.orderflow.api.rest;

import io.orderflow.api.domain.OrderView;
import io.orderflow.model.StockIssue;
import java.util.List;

/**
 * The 400 body of a rejected order, as the origin's clients expect it: the failing lines, or, for
 * an order rejected as a whole, the worker's reason as the message and no lines.
 */
public record StockRejection(Detail detail) {
  public record Detail(String message, List<StockIssue> stockIssues) {}

  static StockRejection of(OrderView rejected) {
    return rejected.rejectionReason() != null
        ? new StockRejection(new Detail(rejected.rejectionReason(), List.of()))
        : new StockRejection(new Detail(OrderView.INSUFFICIENT_STOCK, rejected.stockIssues()));
  }
}
