package io.orderflow.system.bench;

import io.orderflow.model.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the pipeline's consumers are behind, from Kafka alone: every consumer group on the order
 * and inventory commands and events (the worker; order-api's projection and catalog; the
 * notification consumer), its committed offsets against the end of each partition, so the benchmark
 * knows nothing of their names.
 */
final class ConsumerLag implements AutoCloseable {
  /** The topics whose consumers do the work an order brings after its POST. */
  private static final Set<String> PIPELINE =
      Set.of(
          Topics.ORDERS_COMMANDS,
          Topics.ORDERS_EVENTS,
          Topics.INVENTORY_COMMANDS,
          Topics.INVENTORY_EVENTS);

  private static final Duration POLL = Duration.ofMillis(500);

  /**
   * How long an unmoving lag means nothing more will happen (a group without members): twice the 5
   * s in which the SmallRye consumers (order-api's, the notification consumer's) commit what they
   * have processed (throttled commits, {@code auto.commit.interval.ms}), so a lag that waits for
   * such a commit is not taken for one that stays.
   */
  private static final Duration STILL = Duration.ofSeconds(10);

  private final Admin admin;
  private Set<TopicPartition> partitions;

  /**
   * @param kafka the bootstrap servers and a login that may describe every group and topic
   */
  ConsumerLag(Map<String, Object> kafka) {
    this.admin = Admin.create(kafka);
  }

  /**
   * Records not yet committed, per group that is behind: on every partition of the pipeline's
   * topics that the group reads (as its members are assigned) or has committed on, from the
   * partition's start where it has committed nothing yet.
   */
  Map<String, Long> behind() {
    List<String> groups = groups();
    Map<String, Set<TopicPartition>> assigned = new HashMap<>();
    get(admin.describeConsumerGroups(groups).all())
        .forEach(
            (group, description) ->
                description
                    .members()
                    .forEach(
                        member ->
                            assigned
                                .computeIfAbsent(group, g -> new HashSet<>())
                                .addAll(member.assignment().topicPartitions())));
    Map<TopicPartition, Long> ends = offsets(pipelinePartitions(), OffsetSpec.latest());
    Map<TopicPartition, Long> starts = offsets(pipelinePartitions(), OffsetSpec.earliest());
    Map<String, Long> behind = new TreeMap<>();
    for (String group : groups) {
      Map<TopicPartition, Long> committed = committedOffsets(group);
      Set<String> topics = new HashSet<>();
      committed.keySet().forEach(p -> topics.add(p.topic()));
      assigned.getOrDefault(group, Set.of()).forEach(p -> topics.add(p.topic()));
      long lag =
          pipelinePartitions().stream()
              .filter(p -> topics.contains(p.topic()))
              .mapToLong(p -> Math.max(0, ends.get(p) - committed.getOrDefault(p, starts.get(p))))
              .sum();
      if (lag > 0) {
        behind.put(group, lag);
      }
    }
    return behind;
  }

  /**
   * Waits until every consumer has caught up (lag 0), or the lag has not moved for {@link #STILL},
   * at most {@code limit}; returns the groups still behind when that ran out.
   */
  Optional<Map<String, Long>> awaitQuiet(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    Map<String, Long> last = null;
    long stillSince = System.nanoTime();
    while (true) {
      Map<String, Long> lag = behind();
      if (lag.isEmpty()) {
        return Optional.empty();
      }
      if (!lag.equals(last)) {
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

  /** Every partition of the pipeline's topics, which the stack creates before it starts. */
  private Set<TopicPartition> pipelinePartitions() {
    if (partitions == null) {
      partitions =
          get(admin.describeTopics(PIPELINE).allTopicNames()).values().stream()
              .flatMap(
                  topic ->
                      topic.partitions().stream()
                          .map(p -> new TopicPartition(topic.name(), p.partition())))
              .collect(Collectors.toUnmodifiableSet());
    }
    return partitions;
  }

  private Map<TopicPartition, Long> endOffsets(Set<TopicPartition> partitions) {
    return offsets(partitions, OffsetSpec.latest());
  }

  private Map<TopicPartition, Long> offsets(Set<TopicPartition> partitions, OffsetSpec spec) {
    if (partitions.isEmpty()) {
      return Map.of();
    }
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets =
        get(
            admin
                .listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> spec)))
                .all());
    return offsets.entrySet().stream()
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
