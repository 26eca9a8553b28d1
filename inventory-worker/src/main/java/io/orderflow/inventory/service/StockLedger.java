package io.orderflow.inventory.service;

import io.orderflow.inventory.domain.ProductStock;
import io.orderflow.inventory.domain.StockMovement;
import io.orderflow.model.Amounts;
import io.orderflow.model.OrderLine;
import io.orderflow.model.PricedLine;
import io.orderflow.model.StockIssue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The stock rules over a snapshot of locked products, applied one order after another: an order is
 * reserved whole or not at all, stock never goes below zero, and every change is a movement.
 */
public final class StockLedger {
  private final Map<Long, ProductStock> stock = new HashMap<>();
  private final Map<Long, ProductStock> before = new HashMap<>();
  private final TreeSet<Long> changed = new TreeSet<>();
  private final TreeSet<Long> announcedAgain = new TreeSet<>();
  private final List<StockMovement> movements = new ArrayList<>();

  public StockLedger(Collection<ProductStock> locked) {
    locked.forEach(this::add);
  }

  /** Takes a product created in this batch into account. */
  public void add(ProductStock product) {
    stock.put(product.id(), product);
    before.put(product.id(), product);
  }

  public Optional<ProductStock> product(long productId) {
    return Optional.ofNullable(stock.get(productId));
  }

  /** Goods arrived or a product opened with stock: more on hand. */
  public void restock(long productId, int quantity, String reason) {
    move(new StockMovement(productId, null, 0, quantity, reason));
  }

  /** New name, description, price or threshold; absent values stay. */
  public void updateCatalog(long productId, ProductUpdate update) {
    ProductStock product = stock.get(productId);
    stock.put(
        productId,
        product.withCatalog(
            update.name() != null ? update.name() : product.name(),
            update.description() != null ? update.description() : product.description(),
            update.price() != null ? update.price() : product.price(),
            update.lowStockThreshold() != null
                ? update.lowStockThreshold()
                : product.lowStockThreshold()));
    changed.add(productId);
  }

  /**
   * Marks a product that an earlier batch changed and may have failed to announce (it crashed
   * between its commit and its publish): its current level, and its alert if it is low, go out
   * again with this batch.
   */
  public void announceAgain(long productId) {
    if (stock.containsKey(productId)) {
      announcedAgain.add(productId);
    }
  }

  /** Products whose level this batch announces: the changed ones and those announced again. */
  public List<ProductStock> productsToAnnounce() {
    TreeSet<Long> ids = new TreeSet<>(changed);
    ids.addAll(announcedAgain);
    return ids.stream().map(stock::get).toList();
  }

  /** Products to alert about: those that just ran low, and those announced again that are low. */
  public List<ProductStock> productsToAlert() {
    return productsToAnnounce().stream()
        .filter(
            p ->
                p.isLow()
                    && (announcedAgain.contains(p.id())
                        || (changed.contains(p.id()) && !before.get(p.id()).isLow())))
        .toList();
  }

  /**
   * Reserves every line of a new order at the catalog's current prices, or nothing when any line
   * lacks stock or the total could not be stored.
   */
  public Decision reserve(long orderId, List<OrderLine> lines) {
    Map<Long, Integer> wanted = mergeByProduct(lines);
    List<StockIssue> issues = new ArrayList<>();
    wanted.forEach(
        (productId, quantity) -> {
          ProductStock product = stock.get(productId);
          if (product == null) {
            issues.add(StockIssue.productNotFound(productId, quantity));
          } else if (product.available() < quantity) {
            issues.add(
                StockIssue.insufficient(productId, product.name(), quantity, product.available()));
          }
        });
    if (!issues.isEmpty()) {
      return Decision.Rejected.forStock(issues);
    }
    List<PricedLine> items = new ArrayList<>();
    wanted.forEach(
        (productId, quantity) -> {
          ProductStock product = stock.get(productId);
          BigDecimal unitPrice = product.price().setScale(2);
          items.add(
              new PricedLine(
                  productId,
                  product.name(),
                  quantity,
                  unitPrice,
                  unitPrice.multiply(BigDecimal.valueOf(quantity))));
        });
    BigDecimal total =
        items.stream()
            .map(PricedLine::subtotal)
            .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    if (!Amounts.storable(total)) {
      return Decision.Rejected.because(Amounts.totalTooLarge(total));
    }
    items.forEach(
        item ->
            move(
                new StockMovement(
                    item.productId(), orderId, item.quantity(), 0, "order_reserved")));
    return new Decision.Reserved(items, total);
  }

  /** Gives an order's reservation back to the available stock (cancel, delete). */
  public void release(long orderId, List<OrderLine> items, String reason) {
    items.forEach(i -> move(new StockMovement(i.productId(), orderId, -i.quantity(), 0, reason)));
  }

  /** The reserved goods leave the warehouse: on hand and reserved both go down. */
  public void ship(long orderId, List<OrderLine> items) {
    items.forEach(
        i ->
            move(
                new StockMovement(
                    i.productId(), orderId, -i.quantity(), -i.quantity(), "order_shipped")));
  }

  /** Products whose stock changed, in id order, with their new figures. */
  public List<ProductStock> changedProducts() {
    return changed.stream().map(stock::get).toList();
  }

  public List<StockMovement> movements() {
    return List.copyOf(movements);
  }

  private ProductStock move(StockMovement movement) {
    ProductStock product = stock.get(movement.productId()).apply(movement);
    if (product.reserved() < 0 || product.available() < 0) {
      throw new IllegalStateException("stock of product " + product.id() + " would go negative");
    }
    stock.put(product.id(), product);
    changed.add(product.id());
    movements.add(movement);
    return product;
  }

  /** Lines naming one product twice count as one line with the summed quantity. */
  static Map<Long, Integer> mergeByProduct(List<OrderLine> lines) {
    Map<Long, Integer> merged = new LinkedHashMap<>();
    lines.forEach(line -> merged.merge(line.productId(), line.quantity(), Integer::sum));
    return merged;
  }
}
