package io.orderflow.stack;

import io.orderflow.model.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** The pipeline's topics, created explicitly because the broker does not auto-create topics. */
final class KafkaTopics {
  private static final short REPLICAS = 1;

  /** Creates every topic that does not exist yet; existing topics are left as they are. */
  static void createAll(Admin admin, int partitions) {
    Map<String, KafkaFuture<Void>> results = admin.createTopics(all(partitions)).values();
    for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
      try {
        result.getValue().get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException("Cannot create topic " + result.getKey(), e.getCause());
        }
      } catch (TimeoutException e) {
        throw new IllegalStateException("Timed out creating topic " + result.getKey(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted creating topic " + result.getKey(), e);
      }
    }
  }

  /** The pipeline topics, each with its dead letter topic. */
  private static List<NewTopic> all(int partitions) {
    List<NewTopic> topics = new ArrayList<>();
    for (String name : Topics.PIPELINE) {
      topics.add(new NewTopic(name, partitions, REPLICAS).configs(configOf(name)));
      topics.add(new NewTopic(Topics.deadLetterOf(name), partitions, REPLICAS));
    }
    return topics;
  }

  private static Map<String, String> configOf(String topic) {
    // Readers of inventory.events need only the latest stock level of each product.
    return topic.equals(Topics.INVENTORY_EVENTS)
        ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
        : Map.of();
  }

  private KafkaTopics() {}
}
