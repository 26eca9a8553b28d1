package io.orderflow.model;

/** Kafka header names set on every message sent to a dead-letter topic. */
public final class DeadLetterHeaders {
  public static final String REASON = "dlq-reason";
  public static final String ORIGINAL_TOPIC = "dlq-original-topic";
  public static final String ORIGINAL_PARTITION = "dlq-original-partition";
  public static final String ORIGINAL_OFFSET = "dlq-original-offset";

  private DeadLetterHeaders() {}
}
