package io.orderflow.api.messaging;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.api.config.OrderApiConfig;
import io.orderflow.api.persistence.Projected;
import io.orderflow.model.DeadLetters;
import io.orderflow.model.KafkaSends;
import io.orderflow.model.MalformedMessageException;
import io.orderflow.model.MessageJson;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * rather than skipping anything. Offsets are committed after the batch returns, so a crash replays
 * messages, which the projections are written to ignore.
 */
@ApplicationScoped
public class Projection {
  private static final Logger LOG = Logger.getLogger(Projection.class);
  private static final Duration OUTAGE_PAUSE = Duration.ofSeconds(1);

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
  }

  public <T> void project(
      String name, ConsumerRecords<String, byte[]> records, Class<T> type, Step<T> step)
      throws InterruptedException {
    List<T> messages = new ArrayList<>(records.count());
    for (ConsumerRecord<String, byte[]> record : records) {
      try {
        messages.add(MessageJson.read(record.value(), type));
      } catch (MalformedMessageException e) {
        deadLetter(record, e.getMessage());
      }
    }
    while (!messages.isEmpty()) {
      try {
        applyAll(name, messages, step);
        return;
      } catch (SQLException e) {
        LOG.warnf("read model unavailable, retrying %d %s: %s", messages.size(), name, e);
        Thread.sleep(OUTAGE_PAUSE.toMillis());
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
    while (true) {
      try {
        KafkaSends.acknowledged(producer, List.of(DeadLetters.letterFor(record, reason)))
            .get(config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        return;
      } catch (ExecutionException | TimeoutException e) {
        LOG.warnf(
            "dead letter of %s-%d@%d not acknowledged, retrying: %s",
            record.topic(), record.partition(), record.offset(), e);
        Thread.sleep(OUTAGE_PAUSE.toMillis());
      }
    }
  }
}
