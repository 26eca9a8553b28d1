package io.orderflow.inventory.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.orderflow.model.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * With tracing off (the default, {@code quarkus.otel.sdk.disabled=true}) the worker's hot path does
 * no per-record work and writes no header (ADR 022).
 */
class CommandTracingOffTest {

  /**
   * What Quarkus builds when the SDK is disabled: the autoconfigured SDK told it is disabled. It
   * still propagates {@code traceparent} (and records spans into nothing, about 0.5 µs each), which
   * is why the worker asks the switch itself.
   */
  private static OpenTelemetry disabled() {
    return AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesSupplier(() -> Map.of("otel.sdk.disabled", "true"))
        .build()
        .getOpenTelemetrySdk();
  }

  @Test
  void aBatchIsNotLookedAtAndItsEventsCarryNoTraceContext() {
    ConsumerRecord<String, byte[]> command =
        new ConsumerRecord<>(Topics.ORDERS_COMMANDS, 0, 0, "42", new byte[0]);
    command
        .headers()
        .add(
            "traceparent",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
                .getBytes(StandardCharsets.UTF_8));
    ConsumerRecords<String, byte[]> batch =
        new ConsumerRecords<>(
            Map.of(new TopicPartition(Topics.ORDERS_COMMANDS, 0), List.of(command)), Map.of());

    CommandTracing.BatchTrace trace = new CommandTracing(disabled(), true).start(batch);

    assertThat(trace).isSameAs(CommandTracing.BatchTrace.NONE);
    ProducerRecord<String, byte[]> event =
        new ProducerRecord<>(Topics.ORDERS_EVENTS, "42", new byte[0]);
    trace.inject(event);
    assertThat(event.headers().toArray()).isEmpty();
  }
}
