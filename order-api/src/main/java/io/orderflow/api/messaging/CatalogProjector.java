package io.orderflow.api.messaging;

import io.orderflow.api.persistence.CatalogRepository;
import io.orderflow.api.persistence.Projected;
import io.orderflow.api.service.OrderTotals;
import io.orderflow.model.ProductStockChanged;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Projects the compacted {@code inventory.events} into the catalog read model. */
@ApplicationScoped
public class CatalogProjector {
  public static final String CHANNEL = "inventory-events";

  private final Projection projection;
  private final CatalogRepository catalog;
  private final OrderTotals totals;

  CatalogProjector(Projection projection, CatalogRepository catalog, OrderTotals totals) {
    this.projection = projection;
    this.catalog = catalog;
    this.totals = totals;
  }

  @Incoming(CHANNEL)
  @Blocking(Projection.WORKER_POOL)
  public void project(ConsumerRecords<String, byte[]> records) throws InterruptedException {
    projection.project(
        "catalog",
        records,
        ProductStockChanged.class,
        (c, snapshots) -> {
          catalog.applyAll(c, snapshots);
          snapshots.forEach(snapshot -> totals.observe(snapshot.price()));
          return Projected.count(snapshots.size());
        });
  }
}
