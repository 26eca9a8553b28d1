package io.orderflow.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.orderflow.stack.RepoPaths;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** prometheus-operator's PodMonitor scrapes every service where its metrics are. */
class PodMonitorTest {
  static final List<String> SERVICES = Containers.SERVICES;

  private static final Path POD_MONITOR =
      RepoPaths.repoRoot().resolve("deploy/monitoring/orderflow-podmonitor.yaml");

  @ParameterizedTest
  @FieldSource("SERVICES")
  void itSelectsTheServicesPodsAndScrapesTheirMetricsPort(String service) {
    JsonNode monitor = StrictYaml.documents(POD_MONITOR).get(0);
    Deployment deployment = Manifests.deployment(service);
    Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();

    monitor
        .at("/spec/selector/matchLabels")
        .fields()
        .forEachRemaining(
            label ->
                assertThat(podLabels).containsEntry(label.getKey(), label.getValue().asText()));
    JsonNode endpoint = monitor.at("/spec/podMetricsEndpoints/0");
    assertThat(endpoint.path("path").asText()).isEqualTo("/q/metrics");
    assertThat(Containers.of(service).getPorts())
        .extracting(ContainerPort::getName)
        .contains(endpoint.path("port").asText());
  }

  @Test
  void itIsAPodMonitorOfPrometheusOperator() {
    JsonNode monitor = StrictYaml.documents(POD_MONITOR).get(0);

    assertThat(monitor.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(monitor.path("kind").asText()).isEqualTo("PodMonitor");
  }
}
