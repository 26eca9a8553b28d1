package io.orderflow.api.messaging;

import io.orderflow.api.config.OrderApiConfig;
import io.orderflow.api.service.DependencyUnavailableException;
import io.orderflow.model.MessageJson;
import io.orderflow.model.OrderCommand;
import io.orderflow.model.ProductCommand;
import io.orderflow.model.Topics;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes commands (orders keyed by order id, products by product id) and returns only once Kafka
 * acknowledged them on all in-sync replicas: a command is accepted exactly when a publish method
 * returns normally.
 */
@ApplicationScoped
public class CommandPublisher {
  private final KafkaProducer<String, byte[]> producer;
  private final long timeoutMillis;

  CommandPublisher(
      @Identifier("default-kafka-broker") Map<String, Object> kafka, OrderApiConfig config) {
    this.timeoutMillis = config.publishTimeout().toMillis();
    Map<String, Object> props = new HashMap<>(kafka);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMillis);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMillis - 1);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeoutMillis);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "order-api-commands");
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  /**
   * @throws DependencyUnavailableException when Kafka did not acknowledge in time
   */
  public void publish(OrderCommand command) {
    publishAll(List.of(command));
  }

  /** Sends all, then waits for every acknowledgement; fails if any is missing. */
  public void publishAll(List<? extends OrderCommand> commands) {
    send(
        commands.stream()
            .map(
                c ->
                    new ProducerRecord<>(
                        Topics.ORDERS_COMMANDS, String.valueOf(c.orderId()), MessageJson.write(c)))
            .toList());
  }

  public void publish(ProductCommand command) {
    send(
        List.of(
            new ProducerRecord<>(
                Topics.INVENTORY_COMMANDS, command.key(), MessageJson.write(command))));
  }

  private void send(List<ProducerRecord<String, byte[]>> records) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis + 1000);
    try {
      List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
      for (ProducerRecord<String, byte[]> record : records) {
        acks.add(producer.send(record));
      }
      for (Future<RecordMetadata> ack : acks) {
        ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      throw new DependencyUnavailableException("kafka", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DependencyUnavailableException("kafka", e);
    }
  }

  @PreDestroy
  void close() {
    producer.close();
  }
}
