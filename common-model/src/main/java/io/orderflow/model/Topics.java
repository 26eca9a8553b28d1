package io.orderflow.model;

/** Kafka topic names. Partition counts and replication are deployment configuration. */
public final class Topics {
  /** Commands for orders ({@link OrderCommand}), keyed by order id. */
  public static final String ORDERS_COMMANDS = "orders.commands";

  /** Order facts ({@link OrderEvent}), keyed by order id; what downstream consumers read. */
  public static final String ORDERS_EVENTS = "orders.events";

  /** Messages that could not be processed, with the reason in {@link DeadLetterHeaders}. */
  public static String deadLetterOf(String topic) {
    return topic + ".dlq";
  }

  private Topics() {}
}
