package io.orderflow.api.messaging;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.orderflow.api.config.OrderApiConfig;
import io.orderflow.api.service.DependencyUnavailableException;
import io.orderflow.model.MessageJson;
import io.orderflow.model.OrderCommand;
import io.orderflow.model.OrderPlaced;
import io.orderflow.model.ProductCommand;
import io.orderflow.model.Topics;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes commands (orders keyed by order id, products by product id), acknowledged by Kafka on
 * all in-sync replicas: a command is accepted exactly when its publish Uni emits. Each command
 * carries the caller's trace context in its headers (ADR 022).
 */
@ApplicationScoped
public class CommandPublisher {
  private static final TextMapSetter<Headers> HEADERS =
      (headers, key, value) -> headers.add(key, value.getBytes(StandardCharsets.UTF_8));

  private final KafkaProducer<String, byte[]> producer;
  private final TextMapPropagator propagator;

  CommandPublisher(
      @Identifier("default-kafka-broker") Map<String, Object> kafka,
      OrderApiConfig config,
      OpenTelemetry openTelemetry,
      @ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean tracingOff) {
    // Quarkus's disabled SDK still propagates: with tracing off no command carries a header
    this.propagator =
        tracingOff
            ? TextMapPropagator.noop()
            : openTelemetry.getPropagators().getTextMapPropagator();
    long timeoutMillis = config.publishTimeout().toMillis();
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
   * Emits once Kafka acknowledged the order; fails with {@link DependencyUnavailableException}
   * otherwise. Nothing waits in the meantime.
   */
  public Uni<Void> publish(OrderPlaced order) {
    return publish(List.of(order));
  }

  /** Sends all, then emits once every one is acknowledged; fails if any is missing. */
  public Uni<Void> publish(List<? extends OrderCommand> commands) {
    return Uni.createFrom()
        .completionStage(() -> send(commands.stream().map(CommandPublisher::recordOf).toList()));
  }

  public Uni<Void> publish(ProductCommand command) {
    return Uni.createFrom()
        .completionStage(
            () ->
                send(
                    List.of(
                        new ProducerRecord<>(
                            Topics.INVENTORY_COMMANDS,
                            command.key(),
                            MessageJson.write(command)))));
  }

  private static ProducerRecord<String, byte[]> recordOf(OrderCommand command) {
    return new ProducerRecord<>(
        Topics.ORDERS_COMMANDS, String.valueOf(command.orderId()), MessageJson.write(command));
  }

  /** Completes when every record is acknowledged (the producer's delivery timeout bounds it). */
  private CompletableFuture<Void> send(List<ProducerRecord<String, byte[]>> records) {
    Context trace = Context.current();
    CompletableFuture<?>[] acks = new CompletableFuture<?>[records.size()];
    for (int i = 0; i < acks.length; i++) {
      CompletableFuture<Void> ack = new CompletableFuture<>();
      acks[i] = ack;
      ProducerRecord<String, byte[]> record = records.get(i);
      propagator.inject(trace, record.headers(), HEADERS);
      try {
        producer.send(
            record,
            (metadata, failure) -> {
              if (failure == null) {
                ack.complete(null);
              } else {
                ack.completeExceptionally(new DependencyUnavailableException("kafka", failure));
              }
            });
      } catch (RuntimeException e) {
        ack.completeExceptionally(new DependencyUnavailableException("kafka", e));
      }
    }
    return CompletableFuture.allOf(acks);
  }

  @PreDestroy
  void close() {
    producer.close();
  }
}
