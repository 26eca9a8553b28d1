package io.orderflow.model;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * What every message sent to a dead-letter topic carries: the reason and where it came from, in
 * headers.
 */
public final class DeadLetters {
  public static final String REASON = "dlq-reason";
  public static final String ORIGINAL_TOPIC = "dlq-original-topic";
  public static final String ORIGINAL_PARTITION = "dlq-original-partition";
  public static final String ORIGINAL_OFFSET = "dlq-original-offset";

  /** Enough for an operator to know what went wrong; the message itself is in the letter. */
  static final int MAX_REASON_LENGTH = 300;

  /** The dead letter of {@code record}: its key and value on its topic's dead-letter topic. */
  public static <K, V> ProducerRecord<K, V> letterFor(ConsumerRecord<K, V> record, String reason) {
    return new ProducerRecord<>(
        Topics.deadLetterOf(record.topic()),
        null,
        record.key(),
        record.value(),
        headersFor(record, reason));
  }

  /** The headers of the dead letter of {@code record}; the reason is cut to a readable line. */
  public static Headers headersFor(ConsumerRecord<?, ?> record, String reason) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(REASON, utf8(oneLine(reason)));
    headers.add(ORIGINAL_TOPIC, utf8(record.topic()));
    headers.add(ORIGINAL_PARTITION, utf8(String.valueOf(record.partition())));
    headers.add(ORIGINAL_OFFSET, utf8(String.valueOf(record.offset())));
    return headers;
  }

  /**
   * A failure as a dead-letter reason. A database error names its class and SQLState only: its
   * message may quote the statement and the customer data bound to it, which do not belong in a
   * topic every operator reads.
   */
  public static String reasonOf(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return sql.getClass().getSimpleName() + " (SQLState " + sql.getSQLState() + ")";
      }
    }
    return failure.getClass().getSimpleName() + ": " + failure.getMessage();
  }

  static String oneLine(String reason) {
    String line = String.valueOf(reason).replaceAll("\\p{Cntrl}+", " ").strip();
    return line.length() <= MAX_REASON_LENGTH
        ? line
        : line.substring(0, MAX_REASON_LENGTH - 3) + "...";
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private DeadLetters() {}
}
