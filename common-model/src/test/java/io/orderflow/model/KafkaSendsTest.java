package io.orderflow.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaSendsTest {
  private static final List<ProducerRecord<String, String>> TWO =
      List.of(new ProducerRecord<>("t", "1", "a"), new ProducerRecord<>("t", "2", "b"));

  private final MockProducer<String, String> producer =
      new MockProducer<>(false, null, new StringSerializer(), new StringSerializer());

  @Test
  void completesOnlyOnceEveryRecordIsAcknowledged() {
    CompletableFuture<Void> sent = KafkaSends.acknowledged(producer, TWO);

    producer.completeNext();
    assertFalse(sent.isDone());
    producer.completeNext();
    assertTrue(sent.isDone() && !sent.isCompletedExceptionally());
  }

  @Test
  void failsWhenAnyRecordIsRefused() {
    NotEnoughReplicasException refused = new NotEnoughReplicasException("one replica down");
    CompletableFuture<Void> sent = KafkaSends.acknowledged(producer, TWO);

    producer.completeNext();
    producer.errorNext(refused);

    ExecutionException failure = assertThrows(ExecutionException.class, sent::get);
    assertSame(refused, failure.getCause());
  }

  @Test
  void aSendThatThrowsFailsTheFutureInsteadOfTheCaller() {
    TimeoutException noMetadata = new TimeoutException("Topic t not present in metadata");
    producer.sendException = noMetadata;

    CompletableFuture<Void> sent = KafkaSends.acknowledged(producer, TWO);

    ExecutionException failure = assertThrows(ExecutionException.class, sent::get);
    assertSame(noMetadata, failure.getCause());
  }
}
