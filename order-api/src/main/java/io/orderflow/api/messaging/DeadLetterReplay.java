package io.orderflow.api.messaging;

import io.orderflow.api.config.OrderApiConfig;
import io.orderflow.api.domain.DeadLetterConflictException;
import io.orderflow.api.domain.DependencyUnavailableException;
import io.orderflow.api.persistence.DeadLetterRepository;
import io.orderflow.api.persistence.Projected;
import io.orderflow.model.DatabaseOutages;
import io.orderflow.model.DeadLetters;
import io.orderflow.model.KafkaSends;
import io.orderflow.model.MalformedMessageException;
import io.orderflow.model.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Gives a dead letter to the consumer that failed on it, once, inside the transaction that marks it
 * replayed (ADR 031). A command goes back to its command topic with its original key, for the
 * worker to decide as the first time (it skips what it already decided or processed); an event of
 * order-api's own projections is applied to the read model or the catalog directly, where its
 * version decides whether it changes anything. order-api writes no event topic (ADR 027), and the
 * consumers of {@code inventory.alerts} are outside orderflow, so its letters are not replayed.
 */
@ApplicationScoped
public class DeadLetterReplay {
  private final KafkaProducer<String, byte[]> producer;
  private final OrderApiConfig config;
  private final OrderEventProjector orderEvents;
  private final CatalogProjector catalog;
  private final ReadModelListener listener;

  DeadLetterReplay(
      KafkaProducer<String, byte[]> producer,
      OrderApiConfig config,
      OrderEventProjector orderEvents,
      CatalogProjector catalog,
      ReadModelListener listener) {
    this.producer = producer;
    this.config = config;
    this.orderEvents = orderEvents;
    this.catalog = catalog;
    this.listener = listener;
  }

  /**
   * Replays the letter in {@code c}'s transaction; what it projected is handed to {@link
   * #committed} once that transaction commits. Fails with {@link DeadLetterConflictException} when
   * the record cannot be replayed or still cannot be applied, with {@link
   * DependencyUnavailableException} when Kafka or the database cannot take it now.
   */
  public Projected replay(Connection c, DeadLetterRepository.Resolved resolved) {
    String topic = resolved.letter().originalTopic();
    byte[] payload = resolved.payload();
    return switch (topic) {
      case Topics.ORDERS_COMMANDS, Topics.INVENTORY_COMMANDS -> {
        republish(new ProducerRecord<>(topic, resolved.letter().key(), payload));
        yield Projected.count(1);
      }
      case Topics.ORDERS_EVENTS -> apply(resolved, () -> orderEvents.replay(c, payload));
      case Topics.INVENTORY_EVENTS -> apply(resolved, () -> catalog.replay(c, payload));
      default ->
          throw new DeadLetterConflictException(
              "Dead letters of "
                  + topic
                  + " are not replayed: their consumers are outside orderflow; discard it");
    };
  }

  /** Wakes the requests of this instance waiting for what a replayed event decided. */
  public void committed(Projected projected) {
    listener.deliver(projected.decided());
  }

  private void republish(ProducerRecord<String, byte[]> record) {
    try {
      KafkaSends.acknowledged(producer, List.of(record))
          .get(config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new DependencyUnavailableException("kafka", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DependencyUnavailableException("kafka", e);
    }
  }

  /** What a projection does with one payload in the caller's transaction. */
  @FunctionalInterface
  private interface Application {
    Projected apply() throws SQLException;
  }

  private static Projected apply(DeadLetterRepository.Resolved resolved, Application application) {
    try {
      return application.apply();
    } catch (MalformedMessageException | SQLException e) {
      if (DatabaseOutages.isOutage(e)) {
        throw new DependencyUnavailableException("database", e);
      }
      throw new DeadLetterConflictException(
          "Dead letter "
              + resolved.letter().id()
              + " still cannot be applied: "
              + DeadLetters.reasonOf(e));
    }
  }
}
