package io.orderflow.inventory.messaging;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.orderflow.model.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Carries traces through the worker (ADR 022): one span per polled batch, linked to the context of
 * every command in it, and per order the context of its command handed on to the events published
 * for that order, so the read model's and the notifier's spans join the trace of the request that
 * placed the order. With tracing off ({@code quarkus.otel.sdk.disabled}, the default) it looks at
 * no record: Quarkus's disabled SDK would still read and write headers.
 */
@ApplicationScoped
public class CommandTracing {
  static final String BATCH_SPAN = Topics.ORDERS_COMMANDS + " process";
  private static final AttributeKey<Long> BATCH_SIZE =
      AttributeKey.longKey("messaging.batch.message_count");

  private final Tracer tracer;
  private final TextMapPropagator propagator;

  CommandTracing(
      OpenTelemetry openTelemetry,
      @ConfigProperty(name = "quarkus.otel.sdk.disabled") boolean tracingOff) {
    this.tracer = openTelemetry.getTracer("io.orderflow.inventory-worker");
    this.propagator =
        tracingOff
            ? TextMapPropagator.noop()
            : openTelemetry.getPropagators().getTextMapPropagator();
  }

  /** Starts the batch's trace; close it once the batch's events are published. */
  public BatchTrace start(ConsumerRecords<String, byte[]> records) {
    if (propagator.fields().isEmpty()) {
      return BatchTrace.NONE;
    }
    Span batch =
        tracer
            .spanBuilder(BATCH_SPAN)
            .setSpanKind(SpanKind.CONSUMER)
            .setNoParent()
            .setAttribute(BATCH_SIZE, (long) records.count())
            .startSpan();
    Map<String, Context> orders = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      Context sent =
          propagator.extract(Context.root(), record.headers(), KafkaTraceHeaders.INSTANCE);
      SpanContext command = Span.fromContext(sent).getSpanContext();
      if (command.isValid()) {
        batch.addLink(command);
        if (record.topic().equals(Topics.ORDERS_COMMANDS)) {
          orders.put(record.key(), command.isSampled() ? sent.with(orderSpan(sent, batch)) : sent);
        }
      }
    }
    return new BatchTrace(batch, batch.makeCurrent(), orders, propagator);
  }

  /** The order's own step through the worker, made only for orders whose trace is sampled. */
  private Span orderSpan(Context command, Span batch) {
    return tracer
        .spanBuilder(BATCH_SPAN)
        .setSpanKind(SpanKind.CONSUMER)
        .setParent(command)
        .addLink(batch.getSpanContext())
        .startSpan();
  }

  /** One batch's spans; hands each order's context on to the events published for it. */
  public static final class BatchTrace implements AutoCloseable {
    static final BatchTrace NONE = new BatchTrace(null, null, Map.of(), null);

    private final Span batch;
    private final Scope scope;
    private final Map<String, Context> orders;
    private final TextMapPropagator propagator;

    private BatchTrace(
        Span batch, Scope scope, Map<String, Context> orders, TextMapPropagator propagator) {
      this.batch = batch;
      this.scope = scope;
      this.orders = orders;
      this.propagator = propagator;
    }

    /** Adds the trace context of the order's command to an event of that order, if it has one. */
    void inject(ProducerRecord<String, byte[]> event) {
      if (orders.isEmpty() || !event.topic().equals(Topics.ORDERS_EVENTS)) {
        return;
      }
      Context order = orders.get(event.key());
      if (order != null) {
        propagator.inject(order, event.headers(), KafkaTraceHeaders.INSTANCE);
      }
    }

    @Override
    public void close() {
      if (batch == null) {
        return;
      }
      // ends the orders' own spans; the context of an unsampled command has none to end
      orders.values().forEach(order -> Span.fromContext(order).end());
      scope.close();
      batch.end();
    }
  }
}
