package io.orderflow.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.UUID;

/** Goods arrived: {@code quantity} more units on hand. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RestockRequested(UUID commandId, long productId, int quantity, String actor)
    implements ProductCommand {

  @Override
  public String key() {
    return String.valueOf(productId);
  }
}
