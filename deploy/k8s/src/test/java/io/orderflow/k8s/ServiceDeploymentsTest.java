package io.orderflow.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.orderflow.stack.RepoPaths;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class ServiceDeploymentsTest {
  static final List<String> SERVICES = Containers.SERVICES;

  /** The one variable quarkus-kubernetes adds on its own (downward API), read by no service. */
  private static final String GENERATOR_OWN_ENV = "KUBERNETES_NAMESPACE";

  @Test
  void everyServiceIsDeployed() {
    assertThat(Manifests.deployed(Deployment.class))
        .map(deployment -> deployment.getMetadata().getName())
        .containsExactlyInAnyOrderElementsOf(SERVICES);
  }

  /** The JVM's heap takes at most half the container's memory limit; the rest is not heap. */
  @ParameterizedTest
  @FieldSource("SERVICES")
  void theHeapLeavesHalfOfTheMemoryLimitToTheRestOfTheJvm(String service) {
    String jvmArguments =
        ServiceConfig.applicationProperties(service)
            .getProperty("quarkus.jib.jvm-additional-arguments", "");

    assertThat(jvmArguments).as(service).contains("-XX:MaxRAMPercentage=50");
    assertThat(Containers.of(service).getResources().getLimits()).containsKey("memory");
  }

  @ParameterizedTest
  @FieldSource("SERVICES")
  void readinessAndLivenessProbesAskTheServiceOnOneOfItsPorts(String service) {
    Container container = Containers.of(service);

    for (Probe probe : List.of(container.getReadinessProbe(), container.getLivenessProbe())) {
      assertThat(probe).as(service + " probe").isNotNull();
      assertThat(portOf(container, probe)).as(service + " probe port").isNotNull();
    }
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
  }

  @ParameterizedTest
  @FieldSource("SERVICES")
  void everyEnvironmentVariableNamesAConfigKeyOfItsService(String service) {
    ServiceConfig config = ServiceConfig.of(service);

    assertThat(Containers.of(service).getEnv())
        .map(EnvVar::getName)
        .filteredOn(name -> !name.equals(GENERATOR_OWN_ENV))
        .isNotEmpty()
        .allSatisfy(name -> assertThat(config.knows(name)).as(service + " knows " + name).isTrue());
  }

  @Test
  void envNamesAreMatchedAgainstTheServicesOwnKeys() {
    ServiceConfig api = ServiceConfig.of("order-api");

    assertThat(api.knows("QUARKUS_DATASOURCE_JDBC_URL")).isTrue(); // Quarkus, run time
    assertThat(api.knows("KAFKA_BOOTSTRAP_SERVERS")).isTrue(); // application.properties
    assertThat(api.knows("ORDERFLOW_API_DECISION_WAIT")).isTrue(); // @ConfigMapping
    assertThat(api.knows("KAFKA_BOOTSTRAP_SERVER")).isFalse(); // misspelt
    assertThat(api.knows("QUARKUS_KUBERNETES_REPLICAS")).isFalse(); // fixed at build time
    assertThat(api.knows("ORDERFLOW_WORKER_MAX_BATCH_SIZE")).isFalse(); // another service's
    assertThat(ServiceConfig.of("inventory-worker").knows("QUARKUS_REDIS_HOSTS")).isFalse();
  }

  @Test
  void everySecretAPodReadsHasATemplateOrIsAKafkaUsers() {
    List<Secret> templates = Manifests.secretTemplates();
    List<String> kafkaUsers =
        Manifests.deployed(KafkaUser.class).stream()
            .map(user -> user.getMetadata().getName())
            .toList();

    List<SecretKeySelector> references = new ArrayList<>();
    List<String> volumeSecrets = new ArrayList<>();
    for (PodSpec pod : podSpecs()) {
      pod.getContainers().stream()
          .flatMap(container -> container.getEnv().stream())
          .filter(env -> env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null)
          .forEach(env -> references.add(env.getValueFrom().getSecretKeyRef()));
      pod.getVolumes().stream()
          .filter(volume -> volume.getSecret() != null)
          .forEach(volume -> volumeSecrets.add(volume.getSecret().getSecretName()));
    }

    assertThat(references).isNotEmpty();
    assertThat(references)
        .allSatisfy(
            reference -> {
              if (kafkaUsers.contains(reference.getName())) {
                // Strimzi's User Operator writes it
                assertThat(reference.getKey()).isEqualTo("sasl.jaas.config");
              } else {
                assertThat(templates)
                    .as("template of %s with key %s", reference.getName(), reference.getKey())
                    .anyMatch(
                        template ->
                            template.getMetadata().getName().equals(reference.getName())
                                && template.getStringData().containsKey(reference.getKey()));
              }
            });
    assertThat(volumeSecrets)
        .isNotEmpty()
        .allSatisfy(
            name -> assertThat(templates).anyMatch(t -> t.getMetadata().getName().equals(name)));
  }

  @Test
  void theAutoscalerAndDisruptionBudgetsAimAtDeployedServices() {
    HorizontalPodAutoscaler hpa = Manifests.deployed(HorizontalPodAutoscaler.class).get(0);
    assertThat(Manifests.deployment(hpa.getSpec().getScaleTargetRef().getName())).isNotNull();
    assertThat(hpa.getSpec().getMinReplicas())
        .isGreaterThanOrEqualTo(2)
        .isLessThanOrEqualTo(hpa.getSpec().getMaxReplicas());

    List<PodDisruptionBudget> budgets = Manifests.deployed(PodDisruptionBudget.class);
    assertThat(budgets)
        .map(budget -> budget.getMetadata().getName())
        .containsExactlyInAnyOrderElementsOf(SERVICES);
    for (PodDisruptionBudget budget : budgets) {
      Deployment deployment = Manifests.deployment(budget.getMetadata().getName());
      assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
          .containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
    }
  }

  @ParameterizedTest
  @FieldSource("SERVICES")
  void theDeployedCopyIsWhatTheServicesConfigurationGenerates(String service) {
    Path generated =
        RepoPaths.repoRoot().resolve(service).resolve("target/kubernetes/kubernetes.yml");
    Path copy = Manifests.K8S.resolve("services").resolve(service + ".yaml");

    assertThat(normalized(copy))
        .as("%s differs from %s: run deploy/k8s/refresh-services", copy, generated)
        .isEqualTo(normalized(generated));
  }

  /**
   * The documents of a manifest without what varies by build: each container's env and ports in
   * name order, and no commit-id annotation.
   */
  private static List<JsonNode> normalized(Path file) {
    List<JsonNode> documents = StrictYaml.documents(file);
    for (JsonNode document : documents) {
      withoutCommitId(document.at("/metadata/annotations"));
      withoutCommitId(document.at("/spec/template/metadata/annotations"));
      for (JsonNode container : document.at("/spec/template/spec/containers")) {
        sortByName((ObjectNode) container, "env");
        sortByName((ObjectNode) container, "ports");
      }
    }
    return documents;
  }

  private static void withoutCommitId(JsonNode annotations) {
    if (annotations instanceof ObjectNode object) {
      object.remove("app.quarkus.io/commit-id");
    }
  }

  private static void sortByName(ObjectNode container, String field) {
    if (container.has(field)) {
      List<JsonNode> items = new ArrayList<>();
      container.get(field).forEach(items::add);
      items.sort(Comparator.comparing(item -> item.path("name").asText()));
      ArrayNode sorted = container.putArray(field);
      items.forEach(sorted::add);
    }
  }

  private static List<PodSpec> podSpecs() {
    return Stream.concat(
            Manifests.deployed(Deployment.class).stream()
                .map(deployment -> deployment.getSpec().getTemplate().getSpec()),
            Manifests.deployed(StatefulSet.class).stream()
                .map(statefulSet -> statefulSet.getSpec().getTemplate().getSpec()))
        .toList();
  }

  private static ContainerPort portOf(Container container, Probe probe) {
    var port = probe.getHttpGet().getPort();
    return container.getPorts().stream()
        .filter(
            p ->
                port.getIntVal() != null
                    ? port.getIntVal().equals(p.getContainerPort())
                    : port.getStrVal().equals(p.getName()))
        .findFirst()
        .orElse(null);
  }
}
