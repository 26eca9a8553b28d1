package io.orderflow.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

class DeadLettersTest {
  private static final ConsumerRecord<String, byte[]> RECORD =
      new ConsumerRecord<>(Topics.ORDERS_COMMANDS, 2, 41L, "7", new byte[] {1});

  @Test
  void headersNameTheReasonAndWhereTheMessageCameFrom() {
    Headers headers = DeadLetters.headersFor(RECORD, "not a valid OrderCommand");

    assertEquals("not a valid OrderCommand", header(headers, DeadLetters.REASON));
    assertEquals(Topics.ORDERS_COMMANDS, header(headers, DeadLetters.ORIGINAL_TOPIC));
    assertEquals("2", header(headers, DeadLetters.ORIGINAL_PARTITION));
    assertEquals("41", header(headers, DeadLetters.ORIGINAL_OFFSET));
  }

  @Test
  void theLetterKeepsKeyAndValueOnTheTopicsDeadLetterTopic() {
    ProducerRecord<String, byte[]> letter = DeadLetters.letterFor(RECORD, "unreadable");

    assertEquals(Topics.deadLetterOf(Topics.ORDERS_COMMANDS), letter.topic());
    assertEquals("7", letter.key());
    assertArrayEquals(new byte[] {1}, letter.value());
    assertEquals("unreadable", header(letter.headers(), DeadLetters.REASON));
  }

  @Test
  void databaseFailureKeepsItsClassAndSqlStateButNotTheStatementOrItsData() {
    SQLException refused =
        new BatchUpdateException(
            "Batch entry 0 INSERT INTO orders (shipping_address_line1) VALUES ('1 Main St')"
                + " was aborted: ERROR: unsupported Unicode escape sequence",
            "22P05",
            new int[0]);

    String reason = DeadLetters.reasonOf(new IllegalStateException("step failed", refused));

    assertEquals("BatchUpdateException (SQLState 22P05)", reason);
    assertFalse(reason.contains("Main St"));
  }

  @Test
  void otherFailuresKeepTheirClassAndMessage() {
    assertEquals(
        "IllegalArgumentException: no such product",
        DeadLetters.reasonOf(new IllegalArgumentException("no such product")));
  }

  @Test
  void reasonIsOneBoundedLine() {
    String reason =
        header(
            DeadLetters.headersFor(RECORD, "first\nsecond\r\n" + "x".repeat(1000)),
            DeadLetters.REASON);

    assertTrue(reason.startsWith("first second x"));
    assertFalse(reason.contains("\n"));
    assertEquals(DeadLetters.MAX_REASON_LENGTH, reason.length());
    assertTrue(reason.endsWith("..."));
  }

  private static String header(Headers headers, String name) {
    return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
