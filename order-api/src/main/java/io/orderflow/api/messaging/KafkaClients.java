package io.orderflow.api.messaging;

import io.orderflow.api.config.OrderApiConfig;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** order-api's one Kafka producer (commands and dead letters), built from {@code kafka.*}. */
@ApplicationScoped
public class KafkaClients {
  private final Map<String, Object> kafka;
  private final OrderApiConfig config;

  KafkaClients(
      @Identifier("default-kafka-broker") Map<String, Object> kafka, OrderApiConfig config) {
    this.kafka = kafka;
    this.config = config;
  }

  /**
   * Idempotent and {@code acks=all}: an acknowledged command survives a broker restart. Every wait,
   * metadata included, ends within {@code orderflow.api.publish-timeout}.
   */
  @Produces
  @Singleton
  KafkaProducer<String, byte[]> producer() {
    long timeoutMillis = config.publishTimeout().toMillis();
    Map<String, Object> props = new HashMap<>(kafka);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMillis);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMillis - 1);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeoutMillis);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "order-api-commands");
    return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  void close(@Disposes KafkaProducer<String, byte[]> producer) {
    producer.close();
  }
}
