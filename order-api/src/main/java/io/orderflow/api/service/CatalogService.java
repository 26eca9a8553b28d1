package io.orderflow.api.service;

import io.orderflow.api.config.OrderApiConfig;
import io.orderflow.api.messaging.CommandPublisher;
import io.orderflow.api.messaging.ReadModelListener;
import io.orderflow.api.persistence.CatalogRepository;
import io.orderflow.model.ProductCommand;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Changes the catalog and stock through the worker, the single writer of stock: publish a product
 * command, then wait a bounded time for the worker's answer to reach the catalog read model.
 */
@ApplicationScoped
public class CatalogService {
  private static final Logger LOG = Logger.getLogger(CatalogService.class);

  private final CommandPublisher publisher;
  private final ReadModelListener changes;
  private final CatalogRepository catalog;
  private final OrderApiConfig config;

  CatalogService(
      CommandPublisher publisher,
      ReadModelListener changes,
      CatalogRepository catalog,
      OrderApiConfig config) {
    this.publisher = publisher;
    this.changes = changes;
    this.catalog = catalog;
    this.config = config;
  }

  /** The product as changed, or empty when the answer did not arrive within the wait. */
  public Optional<ProductView> submit(ProductCommand command) {
    long deadline = System.nanoTime() + config.decisionWait().toNanos();
    publisher.publish(command);
    LOG.infof("%s requested by %s", command.getClass().getSimpleName(), command.actor());
    return changes
        .await(
            ReadModelListener.commandKey(command.commandId()),
            () -> catalog.productOf(command.commandId()),
            deadline)
        .flatMap(catalog::findById);
  }
}
