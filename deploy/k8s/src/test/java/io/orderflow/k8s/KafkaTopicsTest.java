package io.orderflow.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.model.Topics;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class KafkaTopicsTest {

  @Test
  void theTopicsAreThoseOfCommonModelEachWithItsDeadLetterTopic() {
    List<String> expected = new ArrayList<>();
    for (String topic : pipelineTopics()) {
      expected.add(topic);
      expected.add(Topics.deadLetterOf(topic));
    }

    assertThat(topics()).map(KafkaTopicsTest::nameOf).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void onlyTheStockLevelsAreCompacted() {
    Map<String, Object> policies =
        topics().stream()
            .collect(
                Collectors.toMap(
                    KafkaTopicsTest::nameOf,
                    topic -> topic.getSpec().getConfig().get("cleanup.policy")));

    policies.forEach(
        (topic, policy) ->
            assertThat(policy)
                .as(topic)
                .isEqualTo(topic.equals(Topics.INVENTORY_EVENTS) ? "compact" : "delete"));
  }

  @Test
  void everyTopicHasOnePartitionCountAndSurvivesOneBrokerDown() {
    int brokers =
        nodePools().stream()
            .filter(pool -> pool.getSpec().getRoles().contains(ProcessRoles.BROKER))
            .mapToInt(pool -> pool.getSpec().getReplicas())
            .sum();

    assertThat(topics()).map(topic -> topic.getSpec().getPartitions()).containsOnly(6);
    for (KafkaTopic topic : topics()) {
      int replicas = topic.getSpec().getReplicas();
      Object minInSync = topic.getSpec().getConfig().get("min.insync.replicas");
      assertThat(replicas).as(nameOf(topic)).isLessThanOrEqualTo(brokers);
      assertThat(Integer.parseInt(String.valueOf(minInSync)))
          .as(nameOf(topic))
          .isEqualTo(replicas - 1);
    }
  }

  @Test
  void topicsAndNodePoolsBelongToTheClusterTheServicesBootstrapFrom() {
    Kafka kafka = Manifests.deployed(Kafka.class).get(0);
    String cluster = kafka.getMetadata().getName();
    GenericKafkaListener plain =
        kafka.getSpec().getKafka().getListeners().stream()
            .filter(listener -> !listener.isTls())
            .findFirst()
            .orElseThrow();

    assertThat(topics())
        .allSatisfy(
            t ->
                assertThat(t.getMetadata().getLabels())
                    .containsEntry("strimzi.io/cluster", cluster));
    assertThat(nodePools())
        .allSatisfy(
            p ->
                assertThat(p.getMetadata().getLabels())
                    .containsEntry("strimzi.io/cluster", cluster));
    assertThat(nodePools())
        .flatMap(pool -> pool.getSpec().getRoles())
        .contains(ProcessRoles.CONTROLLER, ProcessRoles.BROKER);
    for (String service : Containers.SERVICES) {
      assertThat(Containers.env(service, "KAFKA_BOOTSTRAP_SERVERS").getValue())
          .isEqualTo(cluster + "-kafka-bootstrap:" + plain.getPort());
    }
  }

  /** The constants of {@link Topics}: every topic the pipeline uses. */
  static List<String> pipelineTopics() {
    return Arrays.stream(Topics.class.getFields())
        .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
        .map(KafkaTopicsTest::valueOf)
        .toList();
  }

  private static String valueOf(Field constant) {
    try {
      return (String) constant.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<KafkaTopic> topics() {
    return Manifests.deployed(KafkaTopic.class);
  }

  private static List<KafkaNodePool> nodePools() {
    return Manifests.deployed(KafkaNodePool.class);
  }

  private static String nameOf(KafkaTopic topic) {
    return topic.getSpec().getTopicName() != null
        ? topic.getSpec().getTopicName()
        : topic.getMetadata().getName();
  }
}
