package io.orderflow.notification.messaging;

import io.orderflow.model.MessageJson;
import io.orderflow.model.OrderEvent;
import io.orderflow.model.Topics;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes order events the way the inventory worker does: keyed by order id, acks=all. */
final class EventSender implements AutoCloseable {
  private final KafkaProducer<String, byte[]> producer;

  /**
   * @param kafka the bootstrap servers and a login that may write orders.events
   */
  EventSender(Map<String, Object> kafka) {
    Properties props = new Properties();
    props.putAll(kafka);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  /** Sends it and returns the partition it landed on. */
  int send(OrderEvent event) {
    return sendRaw(String.valueOf(event.orderId()), MessageJson.write(event));
  }

  /** Sends bytes under that order's key, as a broken producer would. */
  int sendRaw(String key, byte[] value) {
    return send(new ProducerRecord<>(Topics.ORDERS_EVENTS, key, value));
  }

  /** Sends it behind everything already on that partition, which Kafka hands out in order. */
  void sendToPartition(int partition, OrderEvent event) {
    send(
        new ProducerRecord<>(
            Topics.ORDERS_EVENTS,
            partition,
            String.valueOf(event.orderId()),
            MessageJson.write(event)));
  }

  private int send(ProducerRecord<String, byte[]> record) {
    try {
      RecordMetadata sent = producer.send(record).get();
      return sent.partition();
    } catch (Exception e) {
      throw new IllegalStateException("could not send " + record, e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
