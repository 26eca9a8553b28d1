package io.orderflow.api.messaging;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.orderflow.api.domain.DependencyUnavailableException;
import io.orderflow.model.KafkaSends;
import io.orderflow.model.MessageJson;
import io.orderflow.model.OrderCommand;
import io.orderflow.model.OrderPlaced;
import io.orderflow.model.ProductCommand;
import io.orderflow.model.Topics;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
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
      KafkaProducer<String, byte[]> producer,
      OpenTelemetry openTelemetry,
      @ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean tracingOff) {
    this.producer = producer;
    // Quarkus's disabled SDK still propagates: with tracing off no command carries a header
    this.propagator =
        tracingOff
            ? TextMapPropagator.noop()
            : openTelemetry.getPropagators().getTextMapPropagator();
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
    records.forEach(record -> propagator.inject(trace, record.headers(), HEADERS));
    return KafkaSends.acknowledged(producer, records)
        .exceptionallyCompose(
            failure ->
                CompletableFuture.failedFuture(
                    new DependencyUnavailableException("kafka", unwrapped(failure))));
  }

  private static Throwable unwrapped(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
  }
}
