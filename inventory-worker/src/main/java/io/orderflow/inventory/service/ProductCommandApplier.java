package io.orderflow.inventory.service;

import io.orderflow.inventory.domain.ProductStock;
import io.orderflow.inventory.persistence.ProductRepository;
import io.orderflow.model.ProductCommand;
import io.orderflow.model.ProductCreationRequested;
import io.orderflow.model.ProductUpdateRequested;
import io.orderflow.model.RestockRequested;
import io.orderflow.model.Topics;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Applies one batch's catalog and stock commands to the ledger, each exactly once, and answers each
 * with the product's state right after it. A redelivered command is answered with the product's
 * current state: re-sending an old snapshot would move the compacted catalog backwards.
 */
final class ProductCommandApplier {
  private static final Logger LOG = Logger.getLogger(ProductCommandApplier.class);

  private final Connection connection;
  private final ProductRepository products;
  private final StockLedger ledger;
  private final Map<UUID, Long> processedBefore;
  private final Instant now;
  private final Map<UUID, Long> processed = new LinkedHashMap<>();
  private final List<OutgoingEvent> events = new ArrayList<>();

  ProductCommandApplier(
      Connection connection,
      ProductRepository products,
      StockLedger ledger,
      Map<UUID, Long> processedBefore,
      Instant now) {
    this.connection = connection;
    this.products = products;
    this.ledger = ledger;
    this.processedBefore = processedBefore;
    this.now = now;
  }

  void apply(ProductCommand command) throws SQLException {
    Long before = processedBefore.get(command.commandId());
    if (before != null) {
      announce(before, command.commandId());
      return;
    }
    Long productId = applyFirstTime(command);
    if (productId == null) {
      LOG.warnf("%s refused: no product %s", command, command.key());
      return;
    }
    processed.put(command.commandId(), productId);
    announce(productId, command.commandId());
    LOG.infof(
        "product %d: %s by %s", productId, command.getClass().getSimpleName(), command.actor());
  }

  /** Returns the product concerned, or null when it does not exist. */
  private Long applyFirstTime(ProductCommand command) throws SQLException {
    if (command instanceof ProductCreationRequested creation) {
      ProductStock created = products.insert(connection, creation);
      ledger.add(created);
      ledger.restock(created.id(), creation.onHand(), "product_created");
      return created.id();
    }
    if (command instanceof RestockRequested restock) {
      if (ledger.product(restock.productId()).isEmpty()) {
        return null;
      }
      ledger.restock(restock.productId(), restock.quantity(), "restock");
      return restock.productId();
    }
    ProductUpdateRequested update = (ProductUpdateRequested) command;
    if (ledger.product(update.productId()).isEmpty()) {
      return null;
    }
    ledger.updateCatalog(
        update.productId(),
        new ProductUpdate(
            update.name(), update.description(), update.price(), update.lowStockThreshold()));
    return update.productId();
  }

  private void announce(long productId, UUID commandId) {
    ledger
        .product(productId)
        .ifPresent(
            product ->
                events.add(
                    OutgoingEvent.of(
                        Topics.INVENTORY_EVENTS, productId, product.snapshot(now, commandId))));
  }

  /** Commands processed for the first time in this batch, to remember. */
  Map<UUID, Long> processed() {
    return processed;
  }

  List<OutgoingEvent> events() {
    return events;
  }
}
