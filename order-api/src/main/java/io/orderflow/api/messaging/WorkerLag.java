package io.orderflow.api.messaging;

import io.orderflow.api.config.OrderApiConfig;
import io.orderflow.api.domain.DependencyUnavailableException;
import io.orderflow.model.Topics;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** How many commands the inventory worker has not processed yet, per topic. */
@ApplicationScoped
public class WorkerLag {
  private static final long TIMEOUT_SECONDS = 5;

  private final Admin admin;
  private final String workerGroup;

  WorkerLag(@Identifier("default-kafka-broker") Map<String, Object> kafka, OrderApiConfig config) {
    this.admin = Admin.create(new HashMap<>(kafka));
    this.workerGroup = config.workerGroup();
  }

  public String workerGroup() {
    return workerGroup;
  }

  /** End offset minus committed offset, summed per command topic. */
  public Map<String, Long> byTopic() {
    try {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(workerGroup)
              .partitionsToOffsetAndMetadata()
              .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetSpec> latest =
          admin
              .describeTopics(List.of(Topics.ORDERS_COMMANDS, Topics.INVENTORY_COMMANDS))
              .allTopicNames()
              .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
              .values()
              .stream()
              .flatMap(
                  topic ->
                      topic.partitions().stream()
                          .map(p -> new TopicPartition(topic.name(), p.partition())))
              .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
      Map<TopicPartition, ListOffsetsResultInfo> ends =
          admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      Map<String, Long> lag = new TreeMap<>();
      ends.forEach(
          (partition, end) -> {
            OffsetAndMetadata done = committed.get(partition);
            long behind = end.offset() - (done == null ? 0 : done.offset());
            lag.merge(partition.topic(), behind, Long::sum);
          });
      return lag;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new DependencyUnavailableException("kafka", e);
    }
  }

  @PreDestroy
  void close() {
    admin.close();
  }
}
