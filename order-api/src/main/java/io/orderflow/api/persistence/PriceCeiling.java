package io.orderflow.api.persistence;

import io.orderflow.api.config.OrderApiConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;

/**
 * The catalog's highest price, read at most once per {@code orderflow.api.price-ceiling-lifetime}
 * and raised at once when this instance projects a higher one (ADR 017).
 */
@ApplicationScoped
public class PriceCeiling {
  private record Ceiling(BigDecimal highestPrice, long readAt) {}

  private final CatalogRepository catalog;
  private final long lifetimeNanos;
  private volatile Ceiling ceiling;

  PriceCeiling(CatalogRepository catalog, OrderApiConfig config) {
    this.catalog = catalog;
    this.lifetimeNanos = config.priceCeilingLifetime().toNanos();
  }

  /** A price the catalog projection just stored: the ceiling rises with it at once. */
  public void observe(BigDecimal price) {
    Ceiling current = ceiling;
    if (current != null && price.compareTo(current.highestPrice()) > 0) {
      ceiling = new Ceiling(price, current.readAt());
    }
  }

  public BigDecimal highestPrice() {
    Ceiling current = ceiling;
    if (current == null || System.nanoTime() - current.readAt() >= lifetimeNanos) {
      current = new Ceiling(catalog.highestPrice(), System.nanoTime());
      ceiling = current;
    }
    return current.highestPrice();
  }
}
