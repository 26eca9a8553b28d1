package io.orderflow.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.orderflow.k8s.Manifests.Manifest;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestsTest {

  @Test
  void everyDeployedManifestParsesIntoItsTypedModel() {
    List<String> types = Manifests.deployed().stream().map(Manifest::type).distinct().toList();

    assertThat(types)
        .containsExactlyInAnyOrder(
            "v1/Namespace",
            "kafka.strimzi.io/v1/KafkaNodePool",
            "kafka.strimzi.io/v1/Kafka",
            "kafka.strimzi.io/v1/KafkaTopic",
            "kafka.strimzi.io/v1/KafkaUser",
            Manifests.CNPG_CLUSTER,
            "v1/Service",
            "apps/v1/StatefulSet",
            "apps/v1/Deployment",
            "autoscaling/v2/HorizontalPodAutoscaler",
            "policy/v1/PodDisruptionBudget",
            "networking.k8s.io/v1/NetworkPolicy",
            "networking.k8s.io/v1/Ingress",
            "v1/ConfigMap");
  }

  @Test
  void kustomizationDeploysEveryManifestButTheSecretTemplates() {
    List<Path> listed = Manifests.kustomizationResources();
    List<Path> manifests =
        Manifests.yamlFiles(Manifests.K8S)
            .filter(file -> !file.equals(Manifests.KUSTOMIZATION))
            .filter(file -> !file.startsWith(Manifests.SECRET_TEMPLATES))
            .filter(file -> !file.startsWith(Manifests.K8S.resolve("target")))
            .toList();

    assertThat(listed).containsExactlyInAnyOrderElementsOf(manifests);
  }

  @Test
  void secretTemplatesCarryPlaceholdersOnly() {
    List<Secret> templates = Manifests.secretTemplates();

    assertThat(templates).isNotEmpty();
    for (Secret template : templates) {
      assertThat(template.getData()).as(template.getMetadata().getName()).isNullOrEmpty();
      Map<String, String> values = new HashMap<>(template.getStringData());
      if ("kubernetes.io/basic-auth".equals(template.getType())) {
        values.remove("username"); // a database role's name, no secret
      }
      assertThat(values.values()).as(template.getMetadata().getName()).containsOnly("REPLACE_ME");
    }
  }

  @Test
  void aFieldTheModelDoesNotKnowIsRefused() {
    ObjectNode deployment = firstDeploymentTree();
    ((ObjectNode) deployment.path("spec").path("template").path("spec").path("containers").get(0))
        .set("readinesProbe", new ObjectMapper().createObjectNode());

    assertThatThrownBy(() -> Manifests.model(deployment))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("readinesProbe");
  }

  @Test
  void aKindWithoutTypedModelIsRefused() {
    JsonNode gateway =
        new ObjectMapper()
            .createObjectNode()
            .put("apiVersion", "gateway.networking.k8s.io/v1")
            .put("kind", "Gateway")
            .set("metadata", new ObjectMapper().createObjectNode().put("name", "orderflow"));

    assertThatThrownBy(() -> Manifests.model(gateway))
        .hasMessageContaining("no typed model for gateway.networking.k8s.io/v1/Gateway");
  }

  private static ObjectNode firstDeploymentTree() {
    return (ObjectNode)
        Manifests.deployed().stream()
            .filter(manifest -> manifest.type().equals("apps/v1/Deployment"))
            .findFirst()
            .orElseThrow()
            .tree()
            .deepCopy();
  }
}
