package io.orderflow.inventory.service;

import io.orderflow.inventory.domain.CustomerHolding;
import io.orderflow.inventory.domain.OrderState;
import io.orderflow.model.OrderLine;
import io.orderflow.model.OrderStatus;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The caps against hoarding: one customer's pending orders may hold at most so many orders and so
 * many units together. Starts from what each customer of the batch held when the batch locked them
 * and follows the batch's reservations and releases, so every order sees the orders before it.
 */
public final class CustomerCaps {

  /** The caps; orders that would go beyond either are rejected. */
  public record Limits(int maxPendingOrders, int maxPendingUnits) {}

  public enum Cap {
    PENDING_ORDERS,
    PENDING_UNITS;

    /** Its name in metrics and logs. */
    public String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** An order over a cap: which one, and why in words the customer reads. */
  public record Refusal(Cap cap, String error) {

    /**
     * A rejection of the order as a whole, with the cap as its reason: the customer's stock is not
     * short, so the answer names no product and says nothing of stock.
     */
    public Decision.Rejected rejection() {
      return Decision.Rejected.because(error);
    }
  }

  private final Limits limits;
  private final Map<Long, CustomerHolding> holdings;
  private final Map<Cap, Integer> refusals = new EnumMap<>(Cap.class);

  /**
   * @param holdings what each customer who places an order in this batch held before it, read while
   *     that customer was locked; customers without pending orders may be absent
   */
  public CustomerCaps(Limits limits, Map<Long, CustomerHolding> holdings) {
    this.limits = limits;
    this.holdings = new HashMap<>(holdings);
  }

  /** No caps at all (switched off). */
  public static CustomerCaps unlimited() {
    return new CustomerCaps(new Limits(Integer.MAX_VALUE, Integer.MAX_VALUE), Map.of());
  }

  /** Empty when the customer may reserve these lines on top of what they hold. */
  public Optional<Refusal> check(long userId, List<OrderLine> lines) {
    CustomerHolding held = holdings.getOrDefault(userId, CustomerHolding.NONE);
    if (held.orders() >= limits.maxPendingOrders()) {
      return refuse(
          Cap.PENDING_ORDERS,
          "Too many pending orders: at most "
              + limits.maxPendingOrders()
              + " per customer until some are confirmed or cancelled");
    }
    long units = units(lines);
    if (held.units() + units > limits.maxPendingUnits()) {
      return refuse(
          Cap.PENDING_UNITS,
          "Too many units reserved: at most "
              + limits.maxPendingUnits()
              + " per customer in pending orders, "
              + held.units()
              + " already reserved, this order adds "
              + units);
    }
    return Optional.empty();
  }

  /** The order was reserved: it is pending now. */
  public void hold(long userId, List<OrderLine> lines) {
    holdings.merge(
        userId, CustomerHolding.NONE.plus(units(lines)), (held, order) -> held.plus(order.units()));
  }

  /**
   * An order changed; if it stopped being pending, its customer holds that much less. Only the
   * customers placing orders in this batch are followed: the caps matter for no one else.
   */
  public void follow(OrderState before, OrderState after) {
    if (before.status() == OrderStatus.PENDING && after.status() != OrderStatus.PENDING) {
      holdings.computeIfPresent(before.userId(), (user, held) -> held.minus(units(before.items())));
    }
  }

  /** How many orders of this batch each cap turned away. */
  public Map<Cap, Integer> refusals() {
    return refusals;
  }

  private Optional<Refusal> refuse(Cap cap, String error) {
    refusals.merge(cap, 1, Integer::sum);
    return Optional.of(new Refusal(cap, error));
  }

  private static int units(List<OrderLine> lines) {
    return lines.stream().mapToInt(OrderLine::quantity).sum();
  }
}
