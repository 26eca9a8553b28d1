package io.orderflow.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The whole current state of one product, keyed by product id on the compacted {@link
 * Topics#INVENTORY_EVENTS}: a reader that keeps the last one per key has the catalog. {@code
 * commandId} is set when an admin command caused the change, null when orders did.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProductStockChanged(
    long productId,
    String name,
    String description,
    BigDecimal price,
    int onHand,
    int reserved,
    int lowStockThreshold,
    Instant at,
    UUID commandId) {

  public int available() {
    return onHand - reserved;
  }
}
