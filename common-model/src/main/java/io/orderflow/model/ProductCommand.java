package io.orderflow.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.UUID;

/**
 * An admin's request to change the catalog or the stock, on {@link Topics#INVENTORY_COMMANDS}. Its
 * {@link #commandId()} names the {@link ProductStockChanged} that answers it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ProductCreationRequested.class, name = "product_creation_requested"),
  @JsonSubTypes.Type(value = ProductUpdateRequested.class, name = "product_update_requested"),
  @JsonSubTypes.Type(value = RestockRequested.class, name = "restock_requested")
})
public sealed interface ProductCommand
    permits ProductCreationRequested, ProductUpdateRequested, RestockRequested {
  UUID commandId();

  String actor();

  /** The Kafka key: the product id, or the command id for a product that has none yet. */
  String key();
}
