package io.orderflow.model;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Publish-and-await-acknowledgement, the one way every service sends what must not be lost. */
public final class KafkaSends {

  /**
   * Sends every record; completes once Kafka acknowledged all of them, or exceptionally with the
   * first failure (also one {@code send} throws, such as a metadata time-out). Blocks only as long
   * as {@code send} itself may ({@code max.block.ms}).
   */
  public static <K, V> CompletableFuture<Void> acknowledged(
      Producer<K, V> producer, List<ProducerRecord<K, V>> records) {
    CompletableFuture<?>[] acks = new CompletableFuture<?>[records.size()];
    for (int i = 0; i < acks.length; i++) {
      CompletableFuture<Void> ack = new CompletableFuture<>();
      acks[i] = ack;
      try {
        producer.send(
            records.get(i),
            (metadata, failure) -> {
              if (failure == null) {
                ack.complete(null);
              } else {
                ack.completeExceptionally(failure);
              }
            });
      } catch (RuntimeException e) {
        ack.completeExceptionally(e);
      }
    }
    return CompletableFuture.allOf(acks);
  }

  private KafkaSends() {}
}
