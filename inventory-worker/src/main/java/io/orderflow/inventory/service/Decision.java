package io.orderflow.inventory.service;

import io.orderflow.model.PricedLine;
import io.orderflow.model.StockIssue;
import java.math.BigDecimal;
import java.util.List;

/** The outcome of deciding one order against the stock. */
public sealed interface Decision {

  /** Every line was reserved at catalog prices. */
  record Reserved(List<PricedLine> items, BigDecimal totalAmount) implements Decision {}

  /**
   * Nothing was reserved: only the failing lines are listed, or, when the order as a whole cannot
   * be taken, a reason is given instead.
   */
  record Rejected(List<StockIssue> stockIssues, String reason) implements Decision {
    static Rejected forStock(List<StockIssue> issues) {
      return new Rejected(issues, null);
    }

    static Rejected because(String reason) {
      return new Rejected(List.of(), reason);
    }
  }
}
