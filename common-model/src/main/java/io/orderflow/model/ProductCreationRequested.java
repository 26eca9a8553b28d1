package io.orderflow.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.math.BigDecimal;
import java.util.UUID;

/** A new product with its opening stock; the worker allocates its id. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProductCreationRequested(
    UUID commandId,
    String name,
    String description,
    BigDecimal price,
    int onHand,
    int lowStockThreshold,
    String actor)
    implements ProductCommand {

  @Override
  public String key() {
    return commandId.toString();
  }
}
