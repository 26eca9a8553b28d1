package io.orderflow.inventory.domain;

/** What one customer's pending orders hold together. */
public record CustomerHolding(int orders, int units) {
  public static final CustomerHolding NONE = new CustomerHolding(0, 0);

  public CustomerHolding plus(int orderUnits) {
    return new CustomerHolding(orders + 1, units + orderUnits);
  }

  public CustomerHolding minus(int orderUnits) {
    return new CustomerHolding(orders - 1, units - orderUnits);
  }
}
