package io.orderflow.model;

import java.math.BigDecimal;

/**
 * The money every service stores: {@code numeric(12,2)}, the type of each price, subtotal and total
 * column. An order whose total does not fit cannot be recorded anywhere, so it is refused.
 */
public final class Amounts {
  /** The largest value of {@code numeric(12,2)}. */
  public static final BigDecimal MAX_STORABLE = new BigDecimal("9999999999.99");

  public static boolean storable(BigDecimal amount) {
    return amount.compareTo(MAX_STORABLE) <= 0;
  }

  /** The words both order-api (at intake) and the worker (at decision) give such an order. */
  public static String totalTooLarge(BigDecimal total) {
    return "Order total "
        + total.toPlainString()
        + " exceeds the largest amount an order may have, "
        + MAX_STORABLE.toPlainString();
  }

  private Amounts() {}
}
