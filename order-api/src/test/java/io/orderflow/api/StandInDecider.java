package io.orderflow.api;

import io.orderflow.model.EventClock;
import io.orderflow.model.MessageJson;
import io.orderflow.model.OrderChangeCommand;
import io.orderflow.model.OrderCommand;
import io.orderflow.model.OrderEvent;
import io.orderflow.model.OrderPlaced;
import io.orderflow.model.OrderReserved;
import io.orderflow.model.PricedLine;
import io.orderflow.model.Topics;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Stands in for the inventory worker on real Kafka, for the customers given a decision: like the
 * worker, it decides an order id once and announces the same event again when its command comes
 * again, with the trace context of its command. It keeps every {@link OrderPlaced} it saw, so tests
 * can count what order-api published, and the headers of each order's command.
 */
public final class StandInDecider implements AutoCloseable {
  private final Map<Long, Function<OrderPlaced, OrderEvent>> decisions = new ConcurrentHashMap<>();
  private final Map<Long, OrderEvent> decided = new ConcurrentHashMap<>();
  private final Map<Long, Function<OrderChangeCommand, OrderEvent>> changes =
      new ConcurrentHashMap<>();
  private final List<OrderPlaced> placed = new CopyOnWriteArrayList<>();
  private final Map<Long, Headers> commandHeaders = new ConcurrentHashMap<>();
  private final KafkaConsumer<String, byte[]> commands;
  private final KafkaProducer<String, byte[]> events;
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * @param kafka the bootstrap servers and a login that may read commands and write events
   */
  public StandInDecider(Map<String, Object> kafka) {
    Map<String, Object> consumer = new HashMap<>(kafka);
    consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    commands = new KafkaConsumer<>(consumer, new StringDeserializer(), new ByteArrayDeserializer());
    events = new KafkaProducer<>(kafka, new StringSerializer(), new ByteArraySerializer());
    // assigned, not subscribed: no group to join, so it sees every command published from now on
    List<TopicPartition> partitions =
        commands.partitionsFor(Topics.ORDERS_COMMANDS).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    commands.assign(partitions);
    commands.seekToEnd(partitions);
    partitions.forEach(commands::position);
    thread = new Thread(this::run, "stand-in-decider");
    thread.start();
  }

  /** Decides every order of that customer with {@code decision}. */
  public StandInDecider deciding(long userId, Function<OrderPlaced, OrderEvent> decision) {
    decisions.put(userId, decision);
    return this;
  }

  /** Answers every change command of that order with {@code answer}. */
  public StandInDecider answeringChanges(
      long orderId, Function<OrderChangeCommand, OrderEvent> answer) {
    changes.put(orderId, answer);
    return this;
  }

  /** The partition of {@code orders.events} that order's events go to (Kafka's key hashing). */
  int eventPartitionOf(long orderId) {
    return Utils.toPositive(Utils.murmur2(String.valueOf(orderId).getBytes(StandardCharsets.UTF_8)))
        % events.partitionsFor(Topics.ORDERS_EVENTS).size();
  }

  int eventPartitions() {
    return events.partitionsFor(Topics.ORDERS_EVENTS).size();
  }

  /** Every order command of that customer seen so far, in the order published. */
  List<OrderPlaced> placedBy(long userId) {
    return placed.stream().filter(p -> p.userId() == userId).toList();
  }

  /** The headers of that order's command, once it was seen. */
  Headers commandHeadersOf(long orderId) {
    return commandHeaders.get(orderId);
  }

  private void run() {
    try {
      while (running) {
        for (ConsumerRecord<String, byte[]> record : commands.poll(Duration.ofMillis(100))) {
          OrderCommand command = MessageJson.read(record.value(), OrderCommand.class);
          if (command instanceof OrderPlaced order) {
            placed.add(order);
            commandHeaders.putIfAbsent(order.orderId(), record.headers());
            Function<OrderPlaced, OrderEvent> decision = decisions.get(order.userId());
            if (decision != null) {
              announce(
                  decided.computeIfAbsent(order.orderId(), id -> decision.apply(order)),
                  record.headers());
            }
          } else if (command instanceof OrderChangeCommand change
              && changes.containsKey(change.orderId())) {
            announce(changes.get(change.orderId()).apply(change), record.headers());
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    }
  }

  /** Sends the event with its command's headers, trace context included, as the worker does. */
  private void announce(OrderEvent event, Headers commandHeaders) {
    events.send(
        new ProducerRecord<>(
            Topics.ORDERS_EVENTS,
            null,
            String.valueOf(event.orderId()),
            MessageJson.write(event),
            commandHeaders));
  }

  /**
   * Reserves every line at 2.50 a unit, as the worker decides: its clock at microseconds, which the
   * read model stores exactly.
   */
  public static OrderReserved reserved(OrderPlaced order) {
    List<PricedLine> items =
        order.lines().stream()
            .map(
                l ->
                    new PricedLine(
                        l.productId(),
                        "Widget",
                        l.quantity(),
                        new BigDecimal("2.50"),
                        new BigDecimal("2.50").multiply(BigDecimal.valueOf(l.quantity()))))
            .toList();
    return new OrderReserved(
        order.orderId(),
        1,
        order.userId(),
        EventClock.now(),
        order.placedAt(),
        order.shippingAddress(),
        items,
        items.stream().map(PricedLine::subtotal).reduce(BigDecimal.ZERO, BigDecimal::add));
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    commands.wakeup();
    thread.join();
    commands.close();
    events.close();
  }
}
