package io.orderflow.system.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the pipeline's consumers are behind, from Kafka alone (every consumer group's committed
 * offsets against the end of each partition), so the benchmark knows nothing of their names.
 */
final class ConsumerLag implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration STILL = Duration.ofMillis(1500);

  private final Admin admin;

  ConsumerLag(String bootstrapServers) {
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  /** Records not yet committed, summed over every group and partition it has committed on. */
  long total() {
    Map<String, Map<TopicPartition, Long>> committed = new HashMap<>();
    for (String group : groups()) {
      committed.put(group, committedOffsets(group));
    }
    Map<TopicPartition, Long> ends =
        endOffsets(
            committed.values().stream()
                .flatMap(offsets -> offsets.keySet().stream())
                .collect(Collectors.toSet()));
    return committed.values().stream()
        .flatMap(offsets -> offsets.entrySet().stream())
        .mapToLong(e -> Math.max(0, ends.get(e.getKey()) - e.getValue()))
        .sum();
  }

  /**
   * Waits until every consumer has caught up (lag 0), or the lag has not moved for 1.5 s (offsets
   * committed only later, a marker never committed), at most {@code limit}; returns the lag left
   * when that ran out.
   */
  Optional<Long> awaitQuiet(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    long last = -1;
    long stillSince = System.nanoTime();
    while (true) {
      long lag = total();
      if (lag == 0) {
        return Optional.empty();
      }
      if (lag != last) {
        last = lag;
        stillSince = System.nanoTime();
      } else if (System.nanoTime() - stillSince >= STILL.toNanos()) {
        return Optional.empty();
      }
      if (System.nanoTime() > deadline) {
        return Optional.of(lag);
      }
      TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
    }
  }

  /** The consumer group that has committed offsets on {@code topic}. */
  Optional<String> groupReading(String topic) {
    return groups().stream()
        .filter(g -> committedOffsets(g).keySet().stream().anyMatch(p -> p.topic().equals(topic)))
        .findFirst();
  }

  /**
   * Moves the group's offsets on {@code topic} to its end: what it has not consumed is skipped. The
   * group must have no running member.
   */
  void skipToEnd(String group, String topic) {
    Map<TopicPartition, OffsetAndMetadata> ends =
        endOffsets(
                committedOffsets(group).keySet().stream()
                    .filter(p -> p.topic().equals(topic))
                    .collect(Collectors.toSet()))
            .entrySet()
            .stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue())));
    get(admin.alterConsumerGroupOffsets(group, ends).all());
  }

  private List<String> groups() {
    return get(admin.listConsumerGroups().all()).stream()
        .map(ConsumerGroupListing::groupId)
        .toList();
  }

  private Map<TopicPartition, Long> committedOffsets(String group) {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata())
        .forEach(
            (partition, offset) -> {
              if (offset != null) {
                offsets.put(partition, offset.offset());
              }
            });
    return offsets;
  }

  private Map<TopicPartition, Long> endOffsets(Set<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return Map.of();
    }
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
        get(
            admin
                .listOffsets(
                    partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all());
    return ends.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  private static <T> T get(KafkaFuture<T> future) {
    try {
      return future.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Kafka admin request failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }

  @Override
  public void close() {
    admin.close();
  }
}
