package io.orderflow.model;

import java.util.List;

/** Kafka topic names. Partition counts and replication are deployment configuration. */
public final class Topics {
  /** Commands for orders ({@link OrderCommand}), keyed by order id. */
  public static final String ORDERS_COMMANDS = "orders.commands";

  /** Order facts ({@link OrderEvent}), keyed by order id; what downstream consumers read. */
  public static final String ORDERS_EVENTS = "orders.events";

  /** Catalog and stock commands ({@link ProductCommand}), keyed by product id or command id. */
  public static final String INVENTORY_COMMANDS = "inventory.commands";

  /** The latest stock level of every product ({@link ProductStockChanged}); compacted. */
  public static final String INVENTORY_EVENTS = "inventory.events";

  /** Stock alerts ({@link ProductLowOnStock}), keyed by product id. */
  public static final String INVENTORY_ALERTS = "inventory.alerts";

  /** Every topic of the pipeline; each has a dead-letter topic besides. */
  public static final List<String> PIPELINE =
      List.of(
          ORDERS_COMMANDS, ORDERS_EVENTS, INVENTORY_COMMANDS, INVENTORY_EVENTS, INVENTORY_ALERTS);

  /** Messages that could not be processed, with the reason in {@link DeadLetters}. */
  public static String deadLetterOf(String topic) {
    return topic + ".dlq";
  }

  private Topics() {}
}
