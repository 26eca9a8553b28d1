package io.orderflow.inventory.messaging;

import io.orderflow.inventory.config.WorkerConfig;
import io.orderflow.inventory.service.OutgoingEvent;
import io.orderflow.model.DeadLetters;
import io.orderflow.model.KafkaSends;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Sends the worker's output and waits until Kafka acknowledged all of it. */
@ApplicationScoped
public class EventPublisher {
  private final KafkaProducer<String, byte[]> producer;
  private final WorkerConfig config;
  private final CrashWindows crashWindows;

  EventPublisher(
      KafkaProducer<String, byte[]> producer, WorkerConfig config, CrashWindows crashWindows) {
    this.producer = producer;
    this.config = config;
    this.crashWindows = crashWindows;
  }

  /** Called with the events of a committed transaction only. */
  public void publish(List<OutgoingEvent> events) {
    publish(events, CommandTracing.BatchTrace.NONE);
  }

  /**
   * Publishes a committed batch's events, each carrying the trace context of its order's command.
   */
  public void publish(List<OutgoingEvent> events, CommandTracing.BatchTrace trace) {
    crashWindows.reached(CrashWindows.Step.DECISIONS_COMMITTED);
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>(events.size());
    for (OutgoingEvent event : events) {
      ProducerRecord<String, byte[]> record =
          new ProducerRecord<>(event.topic(), event.key(), event.payload());
      trace.inject(record);
      records.add(record);
    }
    awaitAcknowledged(records);
  }

  /** Moves a message that cannot be processed aside, with the reason, so its partition moves on. */
  public void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
    awaitAcknowledged(List.of(DeadLetters.letterFor(record, reason)));
  }

  private void awaitAcknowledged(List<ProducerRecord<String, byte[]>> records) {
    try {
      KafkaSends.acknowledged(producer, records)
          .get(config.publishTimeout().toNanos(), TimeUnit.NANOSECONDS);
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
