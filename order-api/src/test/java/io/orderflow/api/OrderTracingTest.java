package io.orderflow.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.orderflow.model.MessageJson;
import io.orderflow.model.OrderLine;
import io.orderflow.model.OrderRejected;
import io.orderflow.model.ShippingAddress;
import io.orderflow.model.StockIssue;
import io.orderflow.model.Topics;
import io.orderflow.stack.InfrastructureTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One order is one trace (ADR 022): the POST's server span, its command's {@code traceparent}
 * header and the projection's span for the order's event share a trace id.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureTestResource.class)
class OrderTracingTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final long USER = 8181;

  /** The test infrastructure's broker, as its super user (the test plays the other services). */
  private final Map<String, Object> kafka =
      InfrastructureTestResource.infrastructure().kafkaClientConfig();

  @Inject InMemorySpanExporter spans;

  private StandInDecider decider;

  @BeforeEach
  void startDecider() {
    decider = new StandInDecider(kafka).deciding(USER, StandInDecider::reserved);
  }

  @AfterEach
  void stopDecider() throws InterruptedException {
    decider.close();
  }

  @Test
  void thePostItsCommandAndTheProjectionOfItsEventShareOneTrace() {
    long orderId =
        given()
            .auth()
            .oauth2(OrderApiClient.token(USER, "customer"))
            .contentType(ContentType.JSON)
            .body(OrderBodies.valid())
            .post(OrderApiClient.ORDERS)
            .then()
            .extract()
            .jsonPath()
            .getLong("order_id");

    Headers command =
        await().atMost(WAIT).until(() -> decider.commandHeadersOf(orderId), h -> h != null);
    String[] traceparent = traceparentOf(command).split("-");
    String traceId = traceparent[1];
    SpanData post =
        awaitSpan(s -> s.getKind() == SpanKind.SERVER && s.getTraceId().equals(traceId));
    assertThat(post.getName()).startsWith("POST");
    // the decider hands the command's headers on with the event, as the worker does
    SpanData projected =
        awaitSpan(
            s ->
                s.getKind() == SpanKind.CONSUMER
                    && s.getName().contains(Topics.ORDERS_EVENTS)
                    && s.getTraceId().equals(traceId));
    assertThat(projected.getParentSpanId()).isEqualTo(traceparent[2]);
  }

  @Test
  void anEventWithAnUnreadableTraceContextIsStillProjected() {
    long orderId = 910_000_001L + System.nanoTime() % 1_000_000;
    OrderRejected rejected =
        new OrderRejected(
            orderId,
            1,
            USER,
            Instant.now(),
            Instant.now(),
            new ShippingAddress("1 Main St", null, "Springfield", "IL", "62701", "US"),
            List.of(new OrderLine(404, 1)),
            List.of(StockIssue.productNotFound(404, 1)));
    ProducerRecord<String, byte[]> event =
        new ProducerRecord<>(
            Topics.ORDERS_EVENTS, String.valueOf(orderId), MessageJson.write(rejected));
    event.headers().add("traceparent", "00-garbage".getBytes(StandardCharsets.UTF_8));
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(kafka, new StringSerializer(), new ByteArraySerializer())) {
      producer.send(event);
    }

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                given()
                    .auth()
                    .oauth2(OrderApiClient.token(USER, "customer"))
                    .get(OrderApiClient.ORDERS + orderId)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("rejected")));
  }

  private SpanData awaitSpan(Predicate<SpanData> matching) {
    return await()
        .atMost(WAIT)
        .until(
            () -> spans.getFinishedSpanItems().stream().filter(matching).findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  private static String traceparentOf(Headers headers) {
    Header header = headers.lastHeader("traceparent");
    assertThat(header).as("traceparent header of the command").isNotNull();
    return new String(header.value(), StandardCharsets.UTF_8);
  }
}
