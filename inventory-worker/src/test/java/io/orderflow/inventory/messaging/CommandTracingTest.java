package io.orderflow.inventory.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.orderflow.model.MessageJson;
import io.orderflow.model.OrderLine;
import io.orderflow.model.OrderPlaced;
import io.orderflow.model.ShippingAddress;
import io.orderflow.model.Topics;
import io.orderflow.stack.InfrastructureTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The worker hands each order's trace context from its command on to its events (ADR 022). */
@QuarkusTest
@QuarkusTestResource(InfrastructureTestResource.class)
class CommandTracingTest {
  private static final AtomicLong IDS = new AtomicLong(4_000_000);
  private static final ShippingAddress ADDRESS =
      new ShippingAddress("1 Main St", null, "Springfield", "IL", "62701", "US");
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String COMMAND_SPAN_ID = "00f067aa0ba902b7";

  @Inject AgroalDataSource db;
  @Inject InMemorySpanExporter spans;

  /** The test infrastructure's broker, as its super user (the test plays the other services). */
  private final Map<String, Object> kafka =
      InfrastructureTestResource.infrastructure().kafkaClientConfig();

  private TopicProbe probe;
  private long widget;

  @BeforeEach
  void openProbe() throws Exception {
    probe = new TopicProbe(kafka);
    widget = new InventoryRows(db).product("Traced Widget", "2.00", 100);
  }

  @AfterEach
  void closeProbe() {
    probe.close();
  }

  @Test
  void theEventOfAnOrderCarriesTheTraceOfItsCommand() {
    OrderPlaced order = order();

    send(order, "00-" + TRACE_ID + "-" + COMMAND_SPAN_ID + "-01");

    ConsumerRecord<String, byte[]> event = probe.awaitEventRecord(order.orderId());
    String[] traceparent = traceparentOf(event).split("-");
    assertThat(traceparent[1]).isEqualTo(TRACE_ID);
    SpanData orderStep =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> spanWithParent(COMMAND_SPAN_ID), s -> s != null);
    assertThat(orderStep.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(orderStep.getSpanId())
        .as("the event names the worker's step for the order as its parent")
        .isEqualTo(traceparent[2]);
    assertThat(orderStep.getKind()).isEqualTo(SpanKind.CONSUMER);
    SpanData batch =
        spans.getFinishedSpanItems().stream()
            .filter(
                s -> s.getSpanId().equals(orderStep.getLinks().get(0).getSpanContext().getSpanId()))
            .findFirst()
            .orElseThrow();
    assertThat(batch.getName()).isEqualTo(CommandTracing.BATCH_SPAN);
    assertThat(batch.getLinks())
        .extracting(LinkData::getSpanContext)
        .anyMatch(c -> c.getTraceId().equals(TRACE_ID) && c.getSpanId().equals(COMMAND_SPAN_ID));
  }

  @Test
  void anOrderWithAnUnreadableTraceContextIsDecidedAndItsEventCarriesNone() {
    OrderPlaced order = order();

    send(order, "not-a-traceparent");

    ConsumerRecord<String, byte[]> event = probe.awaitEventRecord(order.orderId());
    assertThat(event.headers().lastHeader("traceparent")).isNull();
  }

  private void send(OrderPlaced order, String traceparent) {
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(
            Topics.ORDERS_COMMANDS, String.valueOf(order.orderId()), MessageJson.write(order));
    record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
    probe.sendRaw(record);
  }

  private SpanData spanWithParent(String parentSpanId) {
    return spans.getFinishedSpanItems().stream()
        .filter(s -> s.getParentSpanId().equals(parentSpanId))
        .findFirst()
        .orElse(null);
  }

  private static String traceparentOf(ConsumerRecord<String, byte[]> record) {
    Header header = record.headers().lastHeader("traceparent");
    assertThat(header).as("traceparent header of the event").isNotNull();
    return new String(header.value(), StandardCharsets.UTF_8);
  }

  private OrderPlaced order() {
    long id = IDS.incrementAndGet();
    return new OrderPlaced(id, id, Instant.now(), ADDRESS, List.of(new OrderLine(widget, 1)));
  }
}
