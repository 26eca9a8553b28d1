package io.orderflow.inventory.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.orderflow.inventory.config.WorkerConfig;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The worker's Kafka clients, built from the {@code kafka.*} configuration. */
@ApplicationScoped
public class KafkaClients {
  private final Map<String, Object> kafka;
  private final WorkerConfig config;
  private final MeterRegistry meters;

  KafkaClients(
      @Identifier("default-kafka-broker") Map<String, Object> kafka,
      WorkerConfig config,
      MeterRegistry meters) {
    this.kafka = kafka;
    this.config = config;
    this.meters = meters;
  }

  /** Idempotent and {@code acks=all}: an acknowledged event survives a broker restart. */
  @Produces
  @Singleton
  KafkaProducer<String, byte[]> producer() {
    Map<String, Object> props = new HashMap<>(kafka);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "inventory-worker-producer");
    KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    new KafkaClientMetrics(producer).bindTo(meters);
    return producer;
  }

  void close(@Disposes KafkaProducer<String, byte[]> producer) {
    producer.close();
  }

  /** Offsets are committed by hand, only after a batch's events were acknowledged. */
  KafkaConsumer<String, byte[]> newCommandConsumer() {
    Map<String, Object> props = new HashMap<>(kafka);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxBatchSize());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    new KafkaClientMetrics(consumer).bindTo(meters);
    return consumer;
  }
}
