package io.orderflow.api.messaging;

import io.orderflow.api.persistence.CatalogRepository;
import io.orderflow.api.persistence.PriceCeiling;
import io.orderflow.api.persistence.Projected;
import io.orderflow.model.MessageJson;
import io.orderflow.model.ProductStockChanged;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Projects the compacted {@code inventory.events} into the catalog read model. */
@ApplicationScoped
public class CatalogProjector {
  public static final String CHANNEL = "inventory-events";

  private final Projection projection;
  private final CatalogRepository catalog;
  private final PriceCeiling ceiling;

  CatalogProjector(Projection projection, CatalogRepository catalog, PriceCeiling ceiling) {
    this.projection = projection;
    this.catalog = catalog;
    this.ceiling = ceiling;
  }

  @Incoming(CHANNEL)
  @Blocking(Projection.WORKER_POOL)
  public void project(ConsumerRecords<String, byte[]> records) throws InterruptedException {
    projection.project("catalog", records, ProductStockChanged.class, this::apply);
  }

  /** Applies one dead-lettered stock level in the caller's transaction, as if it arrived now. */
  Projected replay(Connection c, byte[] payload) throws SQLException {
    return apply(c, List.of(MessageJson.read(payload, ProductStockChanged.class)));
  }

  private Projected apply(Connection c, List<ProductStockChanged> snapshots) throws SQLException {
    catalog.applyAll(c, snapshots);
    snapshots.forEach(snapshot -> ceiling.observe(snapshot.price()));
    return Projected.count(snapshots.size());
  }
}
