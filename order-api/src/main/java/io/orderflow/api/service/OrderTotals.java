package io.orderflow.api.service;

import io.orderflow.api.persistence.CatalogRepository;
import io.orderflow.api.persistence.PriceCeiling;
import io.orderflow.model.Amounts;
import io.orderflow.model.OrderLine;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.List;

/**
 * Refuses at intake an order whose total could not be stored (ADR 017) without a database read per
 * order: units × the catalog's highest price bounds the total, and only an order that bound does
 * not clear is priced line by line. The highest price is read at most once a second and raised at
 * once when this instance projects a higher one; a price raised on another instance within that
 * second can let a too-large order past intake, and the worker, pricing it again, rejects it with a
 * reason.
 */
@ApplicationScoped
public class OrderTotals {
  private final CatalogRepository catalog;
  private final PriceCeiling ceiling;

  OrderTotals(CatalogRepository catalog, PriceCeiling ceiling) {
    this.catalog = catalog;
    this.ceiling = ceiling;
  }

  /**
   * @throws InvalidRequestException on {@code order_items} when the total is too large to store
   */
  public void requireStorable(List<OrderLine> lines) {
    long units = lines.stream().mapToLong(OrderLine::quantity).sum();
    if (Amounts.storable(ceiling.highestPrice().multiply(BigDecimal.valueOf(units)))) {
      return;
    }
    BigDecimal total = catalog.totalAtCurrentPrices(lines);
    if (!Amounts.storable(total)) {
      throw new InvalidRequestException("order_items", Amounts.totalTooLarge(total));
    }
  }
}
