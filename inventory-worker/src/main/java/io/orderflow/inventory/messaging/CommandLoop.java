package io.orderflow.inventory.messaging;

import io.orderflow.inventory.config.WorkerConfig;
import io.orderflow.model.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * The worker's one consumer thread, for order and product commands alike: poll a batch, decide it,
 * publish its events, and only then commit its offsets (asynchronously). A crash anywhere before
 * the commit redelivers the batch, which is harmless because deciding is idempotent per order id.
 */
@ApplicationScoped
public class CommandLoop {
  private static final Logger LOG = Logger.getLogger(CommandLoop.class);
  private static final Duration CLOSING_COMMIT_WITHIN = Duration.ofSeconds(5);

  private final KafkaClients clients;
  private final CommandBatchHandler handler;
  private final WorkerConfig config;
  private final CrashWindows crashWindows;
  private volatile boolean running;
  private volatile Instant lastPoll = Instant.EPOCH;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private Thread thread;
  // offsets processed but not yet known committed; touched only by the loop thread, where the
  // consumer also runs the commit callbacks
  private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();

  CommandLoop(
      KafkaClients clients,
      CommandBatchHandler handler,
      WorkerConfig config,
      CrashWindows crashWindows) {
    this.clients = clients;
    this.handler = handler;
    this.config = config;
    this.crashWindows = crashWindows;
  }

  void start(@Observes StartupEvent event) {
    running = true;
    consumer = clients.newCommandConsumer();
    thread = new Thread(this::run, "command-loop");
    thread.start();
  }

  void stop(@Observes ShutdownEvent event) throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(Duration.ofSeconds(10).toMillis());
  }

  /** When the loop last came back to Kafka for more work; stale while a batch is stuck. */
  public Instant lastPoll() {
    return lastPoll;
  }

  public boolean isRunning() {
    return running && thread.isAlive();
  }

  private void run() {
    try (KafkaConsumer<String, byte[]> owned = consumer) {
      owned.subscribe(List.of(Topics.ORDERS_COMMANDS, Topics.INVENTORY_COMMANDS));
      LOG.infof(
          "consuming %s and %s as group %s",
          Topics.ORDERS_COMMANDS, Topics.INVENTORY_COMMANDS, config.groupId());
      while (running) {
        ConsumerRecords<String, byte[]> records = owned.poll(config.pollTimeout());
        lastPoll = Instant.now();
        if (!records.isEmpty()) {
          process(records);
        } else if (!uncommitted.isEmpty()) {
          commit();
        }
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
      commitBeforeClosing();
    } catch (RuntimeException e) {
      LOG.error("command loop stopped", e);
      throw e;
    }
  }

  private void process(ConsumerRecords<String, byte[]> records) {
    try {
      handler.handle(records);
      crashWindows.reached(CrashWindows.Step.EVENTS_PUBLISHED);
      uncommitted.putAll(nextOffsets(records));
      commit();
    } catch (WakeupException e) {
      throw e;
    } catch (KafkaException e) {
      LOG.warnf("batch of %d not committed, it will be redelivered: %s", records.count(), e);
      rewind(records);
    } catch (Exception e) {
      LOG.errorf(e, "batch of %d failed, retrying it", records.count());
      rewind(records);
    }
  }

  /**
   * The loop does not wait for offset commits: a lost one only redelivers a batch whose orders are
   * already decided, and those are re-announced, never decided again. A failed commit (say, while
   * the broker restarts) is tried again when the loop is idle, so the group's lag does not stay
   * behind what was processed; offsets of partitions given away in a rebalance are dropped.
   */
  private void commit() {
    uncommitted.keySet().retainAll(consumer.assignment());
    Map<TopicPartition, OffsetAndMetadata> offsets = Map.copyOf(uncommitted);
    consumer.commitAsync(
        offsets,
        (committed, e) -> {
          if (e != null) {
            LOG.warnf("offsets %s not committed yet, trying again: %s", committed, e);
          } else {
            committed.forEach(uncommitted::remove);
          }
        });
  }

  /** On SIGTERM: what was processed is committed, so the next owner does not announce it again. */
  private void commitBeforeClosing() {
    uncommitted.keySet().retainAll(consumer.assignment());
    if (uncommitted.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(uncommitted, CLOSING_COMMIT_WITHIN);
      LOG.infof("committed %s before stopping", uncommitted);
    } catch (KafkaException e) {
      LOG.warnf("offsets %s not committed before stopping, redelivered later: %s", uncommitted, e);
    }
  }

  /** Goes back to the first record of the batch in every partition, so nothing is skipped. */
  private void rewind(ConsumerRecords<String, byte[]> records) {
    for (TopicPartition partition : records.partitions()) {
      if (consumer.assignment().contains(partition)) {
        consumer.seek(partition, records.records(partition).get(0).offset());
      }
    }
  }

  private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(
      ConsumerRecords<String, byte[]> records) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition partition : records.partitions()) {
      List<ConsumerRecord<String, byte[]>> inPartition = records.records(partition);
      offsets.put(
          partition, new OffsetAndMetadata(inPartition.get(inPartition.size() - 1).offset() + 1));
    }
    return offsets;
  }
}
