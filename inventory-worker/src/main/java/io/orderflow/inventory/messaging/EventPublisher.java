package io.orderflow.inventory.messaging;

import io.orderflow.inventory.config.WorkerConfig;
import io.orderflow.inventory.service.OutgoingEvent;
import io.orderflow.model.DeadLetters;
import io.orderflow.model.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Sends the worker's output and waits until Kafka acknowledged all of it. */
@ApplicationScoped
public class EventPublisher {
  private final KafkaProducer<String, byte[]> producer;
  private final WorkerConfig config;
  private final CrashHook crashHook;

  EventPublisher(KafkaProducer<String, byte[]> producer, WorkerConfig config, CrashHook crashHook) {
    this.producer = producer;
    this.config = config;
    this.crashHook = crashHook;
  }

  /** Called with the events of a committed transaction only. */
  public void publish(List<OutgoingEvent> events) {
    publish(events, CommandTracing.BatchTrace.NONE);
  }

  /**
   * Publishes a committed batch's events, each carrying the trace context of its order's command.
   */
  public void publish(List<OutgoingEvent> events, CommandTracing.BatchTrace trace) {
    crashHook.reached(CrashHook.Step.DECISIONS_COMMITTED);
    List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
    for (OutgoingEvent event : events) {
      ProducerRecord<String, byte[]> record =
          new ProducerRecord<>(event.topic(), event.key(), event.payload());
      trace.inject(record);
      sent.add(producer.send(record));
    }
    awaitAll(sent);
  }

  /** Moves a message that cannot be processed aside, with the reason, so its partition moves on. */
  public void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
    ProducerRecord<String, byte[]> letter =
        new ProducerRecord<>(
            Topics.deadLetterOf(record.topic()),
            null,
            record.key(),
            record.value(),
            DeadLetters.headersFor(record, reason));
    awaitAll(List.of(producer.send(letter)));
  }

  private void awaitAll(List<Future<RecordMetadata>> sent) {
    long deadline = System.nanoTime() + config.publishTimeout().toNanos();
    try {
      for (Future<RecordMetadata> ack : sent) {
        ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new PublishFailedException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishFailedException(e);
    }
  }

  /** Kafka did not acknowledge in time; the batch is retried, its offsets stay uncommitted. */
  public static class PublishFailedException extends RuntimeException {
    PublishFailedException(Throwable cause) {
      super("events were not acknowledged by Kafka", cause);
    }
  }
}
