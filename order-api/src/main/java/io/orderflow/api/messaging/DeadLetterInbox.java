package io.orderflow.api.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.orderflow.api.persistence.DeadLetterRepository;
import io.orderflow.model.DeadLetters;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Copies the dead letters of every pipeline topic into {@code sales.dead_letters}, where admins
 * list, replay and discard them (ADR 031). The letters stay on their topics: this group only reads.
 * Offsets are committed after the batch is stored; a redelivered letter stores nothing twice.
 */
@ApplicationScoped
public class DeadLetterInbox {
  public static final String CHANNEL = "dead-letters";
  private static final Logger LOG = Logger.getLogger(DeadLetterInbox.class);
  private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
  private static final String SUFFIX = ".dlq";

  private final DeadLetterRepository letters;

  DeadLetterInbox(DeadLetterRepository letters) {
    this.letters = letters;
  }

  @Incoming(CHANNEL)
  @Blocking
  public void store(ConsumerRecords<String, byte[]> records) throws InterruptedException {
    List<DeadLetterRepository.Arrived> arrived = new ArrayList<>(records.count());
    records.forEach(record -> arrived.add(arrivedOf(record)));
    // a letter is the only trace of its record: wait out whatever keeps it from being stored
    while (true) {
      try {
        int stored = letters.store(arrived);
        if (stored > 0) {
          LOG.infof("%d new dead letters stored for an admin to replay or discard", stored);
        }
        return;
      } catch (SQLException | RuntimeException e) {
        LOG.warnf("cannot store %d dead letters, retrying: %s", arrived.size(), e);
        Thread.sleep(RETRY_PAUSE.toMillis());
      }
    }
  }

  static DeadLetterRepository.Arrived arrivedOf(ConsumerRecord<String, byte[]> record) {
    String dlqTopic = record.topic();
    return new DeadLetterRepository.Arrived(
        dlqTopic,
        record.partition(),
        record.offset(),
        header(record, DeadLetters.ORIGINAL_TOPIC)
            .orElse(dlqTopic.substring(0, dlqTopic.length() - SUFFIX.length())),
        header(record, DeadLetters.ORIGINAL_PARTITION)
            .flatMap(DeadLetterInbox::number)
            .filter(partition -> partition >= 0 && partition <= Integer.MAX_VALUE)
            .map(Long::intValue)
            .orElse(null),
        header(record, DeadLetters.ORIGINAL_OFFSET).flatMap(DeadLetterInbox::number).orElse(null),
        record.key(),
        header(record, DeadLetters.REASON).orElse("(no reason given)"),
        Instant.ofEpochMilli(record.timestamp()),
        record.value());
  }

  private static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
    return Optional.ofNullable(record.headers().lastHeader(name))
        .map(Header::value)
        .map(value -> new String(value, UTF_8));
  }

  private static Optional<Long> number(String text) {
    try {
      return Optional.of(Long.parseLong(text));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
