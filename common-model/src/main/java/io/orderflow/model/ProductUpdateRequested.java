package io.orderflow.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.util.UUID;

/** New catalog data for a product; absent (null) fields stay as they are. Stock is not touched. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProductUpdateRequested(
    UUID commandId,
    long productId,
    String name,
    String description,
    BigDecimal price,
    Integer lowStockThreshold,
    String actor)
    implements ProductCommand {

  @Override
  public String key() {
    return String.valueOf(productId);
  }
}
