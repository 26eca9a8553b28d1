package io.orderflow.api.messaging;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.api.persistence.ReadModelWriter;
import io.orderflow.model.DeadLetterHeaders;
import io.orderflow.model.MalformedMessageException;
import io.orderflow.model.MessageJson;
import io.orderflow.model.OrderEvent;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Projects {@code orders.events} into the read model, one transaction per batch. Offsets are
 * committed after this method returns, so a crash replays events, which the version check ignores.
 */
@ApplicationScoped
public class OrderEventProjector {
  public static final String CHANNEL = "order-events";
  public static final String DEAD_LETTER_CHANNEL = "order-events-dlq";
  private static final Logger LOG = Logger.getLogger(OrderEventProjector.class);
  private static final Duration OUTAGE_PAUSE = Duration.ofSeconds(1);

  private final AgroalDataSource dataSource;
  private final ReadModelWriter writer;
  private final Emitter<byte[]> deadLetters;
  private final MeterRegistry meters;

  OrderEventProjector(
      AgroalDataSource dataSource,
      ReadModelWriter writer,
      @Channel(DEAD_LETTER_CHANNEL) Emitter<byte[]> deadLetters,
      MeterRegistry meters) {
    this.dataSource = dataSource;
    this.writer = writer;
    this.deadLetters = deadLetters;
    this.meters = meters;
  }

  @Incoming(CHANNEL)
  @Blocking
  public void project(ConsumerRecords<String, byte[]> records) throws InterruptedException {
    List<OrderEvent> events = new ArrayList<>(records.count());
    for (ConsumerRecord<String, byte[]> record : records) {
      try {
        events.add(MessageJson.read(record.value(), OrderEvent.class));
      } catch (MalformedMessageException e) {
        deadLetter(record, e.getMessage());
      }
    }
    while (true) {
      try {
        applyAll(events);
        return;
      } catch (SQLException e) {
        // the database is the only thing that can fail here: wait it out, never skip an event
        LOG.warnf("read model unavailable, retrying %d events: %s", events.size(), e.toString());
        Thread.sleep(OUTAGE_PAUSE.toMillis());
      }
    }
  }

  private void applyAll(List<OrderEvent> events) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      int applied = 0;
      for (OrderEvent event : events) {
        if (writer.apply(c, event)) {
          applied++;
        }
      }
      c.commit();
      meters.counter("orderflow.projection.events", "outcome", "applied").increment(applied);
      meters
          .counter("orderflow.projection.events", "outcome", "stale")
          .increment(events.size() - applied);
    }
  }

  private void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
    LOG.errorf(
        "dead-lettering %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), reason);
    RecordHeaders headers = new RecordHeaders();
    headers.add(DeadLetterHeaders.REASON, reason.getBytes(StandardCharsets.UTF_8));
    headers.add(DeadLetterHeaders.ORIGINAL_TOPIC, record.topic().getBytes(StandardCharsets.UTF_8));
    headers.add(
        DeadLetterHeaders.ORIGINAL_OFFSET,
        String.valueOf(record.offset()).getBytes(StandardCharsets.UTF_8));
    deadLetters.send(
        Message.of(record.value() == null ? new byte[0] : record.value())
            .addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(record.key())
                    .withHeaders(headers)
                    .build()));
  }
}
