package io.orderflow.api.domain;

import io.orderflow.model.OrderStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Orders and revenue per day and status, and the best-selling products, over a period. */
public record SalesAnalytics(List<DailyFigure> perDay, List<TopProduct> topProducts) {

  /** Revenue counts only orders that hold or held goods (not rejected, not cancelled). */
  public record DailyFigure(LocalDate day, OrderStatus status, long orders, BigDecimal revenue) {}

  public record TopProduct(
      long productId, String productName, long quantity, long orders, BigDecimal revenue) {}
}
