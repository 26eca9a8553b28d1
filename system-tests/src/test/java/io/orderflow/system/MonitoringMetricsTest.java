package io.orderflow.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.orderflow.model.Topics;
import io.orderflow.stack.RepoPaths;
import io.orderflow.stack.ServiceProcess;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Every metric the Prometheus alerts and the Grafana dashboard of deploy/monitoring read is exposed
 * by a running service. Most orderflow meters exist only once they counted something, so the test
 * makes each happen first: a decided order (and its notification) that its owner then deletes, an
 * order answered 202 by an order-api that waits only a millisecond, and a command the worker can
 * only dead-letter.
 */
class MonitoringMetricsTest {
  private static final Path MONITORING = RepoPaths.repoRoot().resolve("deploy/monitoring");

  /** kube-state-metrics, not a service of ours: the readiness alert counts ready replicas. */
  private static final String KUBE_STATE_METRICS = "kube_";

  private static final long CUSTOMER = 7001;

  @Test
  void everyMetricOfTheAlertsAndTheDashboardIsExposedByAService() throws Exception {
    PipelineStack stack = PipelineStack.get();
    ServiceProcess impatientApi =
        stack.add(
            "order-api-impatient", "order-api", Map.of("orderflow.api.decision-wait", "PT0.001S"));
    ServiceProcess notifier = stack.add("notification-consumer", "notification-consumer", Map.of());
    long product = stack.product("Monitored Widget", "5.00", 100);

    long decided =
        place(stack, stack.apiA, product, CUSTOMER)
            .statusCode(200)
            .extract()
            .jsonPath()
            .getLong("order_id");
    given()
        .baseUri(stack.apiA.baseUrl())
        .auth()
        .oauth2(stack.token(CUSTOMER, "customer"))
        .delete("/api/v1/orders/" + decided)
        .then()
        .statusCode(200);
    // a 1 ms wait still ends with one look at the read model, which a quick worker can beat:
    // place orders (one customer each) until one is answered undecided
    AtomicLong impatientCustomer = new AtomicLong(CUSTOMER + 1);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                place(stack, impatientApi, product, impatientCustomer.getAndIncrement())
                        .extract()
                        .statusCode()
                    == 202);
    sendUnreadableCommand(stack);

    Set<String> used = usedMetrics();
    assertThat(used).contains("orderflow_orders_undecided_after_wait_total");
    List<ServiceProcess> services = List.of(stack.apiA, impatientApi, stack.worker, notifier);
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertThat(exposed(services)).containsAll(used));
  }

  /**
   * An alert on a counter's increase fires only once the counter had a sample before: each counter
   * an alert watches must be exposed (at 0) by a service that has done nothing yet.
   */
  @Test
  void everyCounterAnAlertWatchesExistsBeforeItsFirstEvent() throws Exception {
    PipelineStack stack = PipelineStack.get();
    ServiceProcess idleApi = stack.add("order-api-idle", "order-api", Map.of());
    ServiceProcess idleWorker = stack.add("inventory-worker-idle", "inventory-worker", Map.of());
    try {
      Set<String> counters = alertedCounters();

      assertThat(counters).contains("orderflow_worker_dead_letters_total");
      assertThat(exposed(List.of(idleApi, idleWorker))).containsAll(counters);
    } finally {
      idleApi.stop();
      idleWorker.stop();
    }
  }

  private static ValidatableResponse place(
      PipelineStack stack, ServiceProcess api, long product, long customer) {
    return given()
        .baseUri(api.baseUrl())
        .auth()
        .oauth2(stack.token(customer, "customer"))
        .contentType(ContentType.JSON)
        .body(OrderBodies.json(Map.of(product, 1)))
        .post("/api/v1/orders/")
        .then();
  }

  private static void sendUnreadableCommand(PipelineStack stack) throws Exception {
    Map<String, Object> config = stack.kafkaClientConfig();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  Topics.ORDERS_COMMANDS,
                  "monitoring",
                  "not a command".getBytes(StandardCharsets.UTF_8)))
          .get(30, TimeUnit.SECONDS);
    }
  }

  /** The metric names of every alert rule and dashboard panel, but kube-state-metrics'. */
  private static Set<String> usedMetrics() throws Exception {
    Set<String> names = new TreeSet<>();
    for (JsonNode expression : alertRules().findValues("expr")) {
      names.addAll(PromQlMetrics.of(expression.asText()));
    }
    JsonNode dashboard =
        new ObjectMapper().readTree(MONITORING.resolve("orderflow-dashboard.json").toFile());
    for (JsonNode expression : dashboard.findValues("expr")) {
      names.addAll(PromQlMetrics.of(expression.asText()));
    }
    names.removeIf(name -> name.startsWith(KUBE_STATE_METRICS));
    return names;
  }

  private static JsonNode alertRules() throws Exception {
    return new ObjectMapper(new YAMLFactory())
        .readTree(MONITORING.resolve("orderflow-alerts.yml").toFile());
  }

  /** The counters of orderflow's own services that the alert rules read. */
  private static Set<String> alertedCounters() throws Exception {
    Set<String> counters = new TreeSet<>();
    for (JsonNode expression : alertRules().findValues("expr")) {
      PromQlMetrics.of(expression.asText()).stream()
          .filter(name -> name.startsWith("orderflow_") && name.endsWith("_total"))
          .forEach(counters::add);
    }
    return counters;
  }

  /** The names of the series the services expose at /q/metrics right now. */
  private static Set<String> exposed(List<ServiceProcess> services) {
    Set<String> names = new TreeSet<>();
    for (ServiceProcess service : services) {
      String metrics =
          given()
              .baseUri(service.managementUrl())
              .get("/q/metrics")
              .then()
              .statusCode(200)
              .extract()
              .asString();
      metrics
          .lines()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .map(line -> line.split("[{ ]", 2)[0])
          .forEach(names::add);
    }
    return names;
  }
}
