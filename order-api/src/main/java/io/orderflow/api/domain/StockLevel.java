package io.orderflow.api.domain;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How worrying a product's available stock is, as the stock check reports it. */
public enum StockLevel {
  OUT,
  CRITICAL,
  LOW,
  MEDIUM,
  OK;

  /** out 0, critical ≤ 5, low ≤ 10, medium ≤ 50, ok above. */
  public static StockLevel of(int available) {
    if (available <= 0) {
      return OUT;
    }
    if (available <= 5) {
      return CRITICAL;
    }
    if (available <= 10) {
      return LOW;
    }
    return available <= 50 ? MEDIUM : OK;
  }

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
