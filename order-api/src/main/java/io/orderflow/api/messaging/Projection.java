package io.orderflow.api.messaging;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.api.config.OrderApiConfig;
import io.orderflow.api.persistence.Projected;
import io.orderflow.model.DatabaseOutages;
import io.orderflow.model.DeadLetters;
import io.orderflow.model.KafkaSends;
import io.orderflow.model.MalformedMessageException;
import io.orderflow.model.MessageJson;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.jboss.logging.Logger;

/**
 * What every projection of a topic into the read model does: read the batch (unreadable messages go
 * to the topic's dead-letter topic), then apply it in one transaction, waiting out database outages
 * rather than skipping anything. A batch that fails on its own ({@value #ATTEMPTS} times, e.g. a
 * value its column cannot hold) is applied message by message, and the message that still fails
 * goes to the dead-letter topic, so one bad event cannot stop its partition for good. Offsets are
 * committed after the batch returns, so a crash replays messages, which the projections are written
 * to ignore.
 */
@ApplicationScoped
@Startup
public class Projection {
  private static final Logger LOG = Logger.getLogger(Projection.class);
  private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

  /** Tries of a failing batch or message before it is taken apart or set aside. */
  static final int ATTEMPTS = 3;

  /**
   * The threads the projections run on: their own, so that requests (however many) never hold the
   * threads that would project the events those requests wait for.
   */
  public static final String WORKER_POOL = "read-model-projection";

  /** Applies a batch of messages in the caller's transaction; returns what it changed. */
  @FunctionalInterface
  public interface Step<T> {
    Projected apply(Connection c, List<T> messages) throws SQLException;
  }

  private final AgroalDataSource dataSource;
  private final KafkaProducer<String, byte[]> producer;
  private final OrderApiConfig config;
  private final MeterRegistry meters;
  private final ReadModelListener listener;
  private final Counter deadLetters;

  Projection(
      AgroalDataSource dataSource,
      KafkaProducer<String, byte[]> producer,
      OrderApiConfig config,
      MeterRegistry meters,
      ReadModelListener listener) {
    this.dataSource = dataSource;
    this.producer = producer;
    this.config = config;
    this.meters = meters;
    this.listener = listener;
    // registered at start, so that the alert sees a pod's first dead letter as an increase
    this.deadLetters = meters.counter("orderflow.projection.dead.letters");
  }

  public <T> void project(
      String name, ConsumerRecords<String, byte[]> records, Class<T> type, Step<T> step)
      throws InterruptedException {
    List<Parsed<T>> parsed = new ArrayList<>(records.count());
    for (ConsumerRecord<String, byte[]> record : records) {
      try {
        parsed.add(new Parsed<>(record, MessageJson.read(record.value(), type)));
      } catch (MalformedMessageException e) {
        deadLetter(record, e.getMessage());
      }
    }
    if (parsed.isEmpty()) {
      return;
    }
    Optional<Exception> failure = apply(name, parsed, step);
    if (failure.isEmpty()) {
      return;
    }
    if (parsed.size() == 1) {
      deadLetter(parsed.get(0).record(), failure.get());
      return;
    }
    LOG.warnf(
        "%d %s cannot be projected together; projecting them one by one", parsed.size(), name);
    for (Parsed<T> one : parsed) {
      Optional<Exception> alone = apply(name, List.of(one), step);
      if (alone.isPresent()) {
        deadLetter(one.record(), alone.get());
      }
    }
  }

  private void deadLetter(ConsumerRecord<String, byte[]> record, Exception failure)
      throws InterruptedException {
    deadLetter(record, "cannot be projected: " + DeadLetters.reasonOf(failure));
  }

  /** A record and the message read from it. */
  private record Parsed<T>(ConsumerRecord<String, byte[]> record, T message) {}

  /**
   * Applies the messages, waiting out database outages; empty once applied, otherwise the last
   * failure of {@value #ATTEMPTS}.
   */
  private <T> Optional<Exception> apply(String name, List<Parsed<T>> parsed, Step<T> step)
      throws InterruptedException {
    List<T> messages = parsed.stream().map(Parsed::message).toList();
    int failures = 0;
    while (true) {
      try {
        applyAll(name, messages, step);
        return Optional.empty();
      } catch (SQLException | RuntimeException e) {
        boolean outage = DatabaseOutages.isOutage(e);
        if (!outage && ++failures >= ATTEMPTS) {
          return Optional.of(e);
        }
        LOG.warnf(
            "%s %d %s, retrying: %s",
            outage ? "read model unavailable for" : "failed to project", messages.size(), name, e);
        Thread.sleep(RETRY_PAUSE.toMillis());
      }
    }
  }

  private <T> void applyAll(String name, List<T> messages, Step<T> step) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      Projected projected = step.apply(c, messages);
      c.commit();
      // this instance's waiting requests get their decision now, without reading it back
      listener.deliver(projected.decided());
      int applied = projected.applied();
      meters.counter("orderflow.projection", "of", name, "outcome", "applied").increment(applied);
      meters
          .counter("orderflow.projection", "of", name, "outcome", "unchanged")
          .increment(messages.size() - applied);
    }
  }

  /**
   * Moves an unreadable message aside once Kafka acknowledged its dead letter; while Kafka does
   * not, the partition waits, as it does for the database.
   */
  private void deadLetter(ConsumerRecord<String, byte[]> record, String reason)
      throws InterruptedException {
    LOG.errorf(
        "dead-lettering %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), reason);
    deadLetters.increment();
    while (true) {
      try {
        KafkaSends.acknowledged(producer, List.of(DeadLetters.letterFor(record, reason)))
            .get(config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        return;
      } catch (ExecutionException | TimeoutException e) {
        LOG.warnf(
            "dead letter of %s-%d@%d not acknowledged, retrying: %s",
            record.topic(), record.partition(), record.offset(), e);
        Thread.sleep(RETRY_PAUSE.toMillis());
      }
    }
  }
}
