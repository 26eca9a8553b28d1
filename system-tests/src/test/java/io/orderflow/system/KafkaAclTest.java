package io.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.orderflow.model.Topics;
import io.orderflow.stack.ServiceUser;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every service logs in to Kafka as its own user, and its ACLs let it do its work and no more (ADR
 * 027). The stack's services run with their own users throughout the system tests; this one shows
 * an order going all the way through them, and a stolen credential refused elsewhere.
 */
class KafkaAclTest {
  private static PipelineStack stack;

  @BeforeAll
  static void startStack() {
    stack = PipelineStack.get();
    stack.add("notification-consumer-own-user", "notification-consumer", Map.of());
  }

  @Test
  void anOrderIsDecidedProjectedAndNotifiedByServicesWithTheirOwnUsers() throws Exception {
    long product = stack.product("Own-user widget", "4.00", 5);

    long orderId = stack.placeDecided(stack.apiA, 31, product, 2);

    assertThat(stack.stock(product)).containsExactly(5, 2);
    stack.awaitOneNotification(orderId);
  }

  @Test
  void theWorkersUserCannotPublishCatalogCommands() {
    assertThat(refusedPublish(ServiceUser.INVENTORY_WORKER, Topics.INVENTORY_COMMANDS))
        .isInstanceOf(TopicAuthorizationException.class);
  }

  @Test
  void theApisUserCannotForgeDecisionsOrStockLevels() {
    assertThat(refusedPublish(ServiceUser.ORDER_API, Topics.ORDERS_EVENTS))
        .isInstanceOf(TopicAuthorizationException.class);
    assertThat(refusedPublish(ServiceUser.ORDER_API, Topics.INVENTORY_EVENTS))
        .isInstanceOf(TopicAuthorizationException.class);
  }

  @Test
  void theNotifiersUserCanNeitherPublishNorReadOrderCommands() {
    assertThat(refusedPublish(ServiceUser.NOTIFICATION_CONSUMER, Topics.ORDERS_COMMANDS))
        .isInstanceOf(TopicAuthorizationException.class);

    Map<String, Object> config = stack.kafkaClientConfigAs(ServiceUser.NOTIFICATION_CONSUMER);
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.assign(List.of(new TopicPartition(Topics.ORDERS_COMMANDS, 0)));
      assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(20)))
          .isInstanceOf(TopicAuthorizationException.class);
    }
  }

  @Test
  void theNotifiersUserCannotJoinTheWorkersGroup() {
    Map<String, Object> config =
        new HashMap<>(stack.kafkaClientConfigAs(ServiceUser.NOTIFICATION_CONSUMER));
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "inventory-worker");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(Topics.ORDERS_EVENTS));
      assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(20)))
          .isInstanceOf(GroupAuthorizationException.class);
    }
  }

  /** Why publishing one record to {@code topic} as {@code user} failed. */
  private static Throwable refusedPublish(ServiceUser user, String topic) {
    Map<String, Object> config = new HashMap<>(stack.kafkaClientConfigAs(user));
    // not idempotent, so that the refusal is the topic's and not that of a producer id
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      Throwable refused =
          catchThrowable(
              () ->
                  producer
                      .send(new ProducerRecord<>(topic, "forged", "{}"))
                      .get(30, TimeUnit.SECONDS));
      assertThat(refused).as("publishing to %s as %s", topic, user).isNotNull();
      return refused instanceof ExecutionException ? refused.getCause() : refused;
    }
  }
}
