package io.orderflow.inventory.messaging;

import static org.awaitility.Awaitility.await;

import io.orderflow.model.MessageJson;
import io.orderflow.model.OrderCommand;
import io.orderflow.model.OrderEvent;
import io.orderflow.model.ProductCommand;
import io.orderflow.model.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Sends commands like order-api does and records what the worker emits, for assertions. */
final class TopicProbe implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final KafkaProducer<String, byte[]> producer;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Map<Long, List<OrderEvent>> events = new ConcurrentHashMap<>();
  private final List<ConsumerRecord<String, byte[]>> eventRecords = new CopyOnWriteArrayList<>();
  private final List<ConsumerRecord<String, byte[]>> others = new CopyOnWriteArrayList<>();
  private final Thread poller;
  private volatile boolean running = true;

  /**
   * @param kafka the bootstrap servers and a login that may write commands and read events
   */
  TopicProbe(Map<String, Object> kafka) {
    Properties common = new Properties();
    common.putAll(kafka);
    Properties producerProps = new Properties();
    producerProps.putAll(common);
    producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
    producer =
        new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());
    Properties consumerProps = new Properties();
    consumerProps.putAll(common);
    consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumer =
        new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic :
        List.of(
            Topics.ORDERS_EVENTS,
            Topics.deadLetterOf(Topics.ORDERS_COMMANDS),
            Topics.INVENTORY_EVENTS,
            Topics.INVENTORY_ALERTS)) {
      consumer
          .partitionsFor(topic)
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    poller = new Thread(this::poll, "topic-probe");
    poller.start();
  }

  void send(OrderCommand command) {
    sendRaw(
        new ProducerRecord<>(
            Topics.ORDERS_COMMANDS, String.valueOf(command.orderId()), MessageJson.write(command)));
  }

  void send(ProductCommand command) {
    sendRaw(
        new ProducerRecord<>(Topics.INVENTORY_COMMANDS, command.key(), MessageJson.write(command)));
  }

  void sendRaw(ProducerRecord<String, byte[]> record) {
    try {
      producer.send(record).get();
    } catch (Exception e) {
      throw new IllegalStateException("could not send " + record, e);
    }
  }

  /** Waits until at least {@code count} events of that order arrived, and returns them in order. */
  List<OrderEvent> awaitEvents(long orderId, int count) {
    await().atMost(WAIT).until(() -> events.getOrDefault(orderId, List.of()).size() >= count);
    return List.copyOf(events.get(orderId));
  }

  /** The first {@code orders.events} record of that order, headers and all. */
  ConsumerRecord<String, byte[]> awaitEventRecord(long orderId) {
    String key = String.valueOf(orderId);
    return await()
        .atMost(WAIT)
        .until(
            () -> eventRecords.stream().filter(r -> key.equals(r.key())).findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  /** The first record on that topic whose value, read as {@code type}, matches. */
  <T> T awaitRecord(String topic, Class<T> type, Predicate<T> matching) {
    return await()
        .atMost(WAIT)
        .until(
            () ->
                others.stream()
                    .filter(r -> r.topic().equals(topic))
                    .map(r -> MessageJson.read(r.value(), type))
                    .filter(matching)
                    .findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  /** The records of that topic (not {@code orders.events}) seen so far. */
  List<ConsumerRecord<String, byte[]>> deadLetters(String topic) {
    return others.stream().filter(r -> r.topic().equals(topic)).toList();
  }

  ConsumerRecord<String, byte[]> awaitDeadLetter(String topic, String key) {
    return await()
        .atMost(WAIT)
        .until(
            () ->
                others.stream()
                    .filter(r -> r.topic().equals(topic) && key.equals(r.key()))
                    .findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  private void poll() {
    try {
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          if (record.topic().equals(Topics.ORDERS_EVENTS)) {
            OrderEvent event = MessageJson.read(record.value(), OrderEvent.class);
            events.computeIfAbsent(event.orderId(), id -> new CopyOnWriteArrayList<>()).add(event);
            eventRecords.add(record);
          } else {
            others.add(record);
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      poller.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    consumer.close();
    producer.close();
  }
}
