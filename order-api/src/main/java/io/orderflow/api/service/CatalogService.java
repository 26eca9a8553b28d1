package io.orderflow.api.service;

import io.orderflow.api.domain.ProductView;
import io.orderflow.api.messaging.CommandPublisher;
import io.orderflow.api.messaging.WorkerLag;
import io.orderflow.api.persistence.CatalogRepository;
import io.orderflow.api.persistence.ProductRepository;
import io.orderflow.api.persistence.ReadModelChannel;
import io.orderflow.model.ProductCommand;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Reads the catalog, and changes it and its stock through the worker, the single writer of stock: a
 * {@link CommandRoundTrip} per product command, its answer read from the catalog read model.
 */
@ApplicationScoped
public class CatalogService {
  private static final Logger LOG = Logger.getLogger(CatalogService.class);

  private final CommandPublisher publisher;
  private final CommandRoundTrip roundTrip;
  private final CatalogRepository catalog;
  private final ProductRepository products;
  private final WorkerLag lag;

  CatalogService(
      CommandPublisher publisher,
      CommandRoundTrip roundTrip,
      CatalogRepository catalog,
      ProductRepository products,
      WorkerLag lag) {
    this.publisher = publisher;
    this.roundTrip = roundTrip;
    this.catalog = catalog;
    this.products = products;
    this.lag = lag;
  }

  public Optional<ProductView> product(long productId) {
    return products.product(productId);
  }

  public List<ProductView> page(int skip, int limit) {
    return products.page(skip, limit);
  }

  /** Stock per product with its level, totals, and how far behind the worker is. */
  public StockCheck stockCheck() {
    return StockCheck.of(products.all(), lag.workerGroup(), lag.byTopic());
  }

  /** The product as changed, or empty when the answer did not arrive within the wait. */
  public Optional<ProductView> submit(ProductCommand command) {
    return roundTrip
        .publishAndAwait(
            publisher
                .publish(command)
                .invoke(
                    () ->
                        LOG.infof(
                            "%s requested by %s",
                            command.getClass().getSimpleName(), command.actor())),
            ReadModelChannel.commandKey(command.commandId()),
            () -> catalog.productOf(command.commandId()))
        .await()
        .indefinitely()
        .flatMap(products::product);
  }
}
