package io.orderflow.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.orderflow.stack.RepoPaths;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every manifest of deploy/k8s, each parsed into its typed model. CloudNativePG publishes no Java
 * model, so its {@code Cluster} stays a tree and {@link PostgresClusterTest} checks the fields the
 * deployment relies on.
 */
final class Manifests {
  static final Path K8S = RepoPaths.repoRoot().resolve("deploy/k8s");
  static final Path KUSTOMIZATION = K8S.resolve("kustomization.yaml");
  static final Path SECRET_TEMPLATES = K8S.resolve("secrets");
  static final String CNPG_CLUSTER = "postgresql.cnpg.io/v1/Cluster";

  private static final Map<String, Class<?>> MODELS =
      Map.ofEntries(
          Map.entry("v1/Namespace", Namespace.class),
          Map.entry("v1/Service", Service.class),
          Map.entry("v1/Secret", Secret.class),
          Map.entry("v1/ConfigMap", ConfigMap.class),
          Map.entry("apps/v1/Deployment", Deployment.class),
          Map.entry("apps/v1/StatefulSet", StatefulSet.class),
          Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
          Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
          Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
          Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
          Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class),
          Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
          Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class),
          Map.entry("kafka.strimzi.io/v1/KafkaUser", KafkaUser.class));

  /** One document of a manifest file: its tree and, unless it is a CNPG Cluster, its model. */
  record Manifest(Path file, JsonNode tree, Object model) {
    String type() {
      return typeOf(tree);
    }

    String name() {
      return tree.path("metadata").path("name").asText();
    }
  }

  /** The resources kustomization.yaml lists, in its order. */
  static List<Path> kustomizationResources() {
    List<Path> files = new ArrayList<>();
    StrictYaml.documents(KUSTOMIZATION)
        .get(0)
        .path("resources")
        .forEach(resource -> files.add(K8S.resolve(resource.asText())));
    return files;
  }

  /** Every document of every resource kustomization.yaml lists. */
  static List<Manifest> deployed() {
    return kustomizationResources().stream().flatMap(Manifests::parse).toList();
  }

  /** The Secret templates, which are deliberately not deployed. */
  static List<Secret> secretTemplates() {
    return yamlFiles(SECRET_TEMPLATES)
        .flatMap(Manifests::parse)
        .map(manifest -> (Secret) manifest.model())
        .toList();
  }

  static <T> List<T> deployed(Class<T> type) {
    return deployed().stream()
        .map(Manifest::model)
        .filter(type::isInstance)
        .map(type::cast)
        .toList();
  }

  static Deployment deployment(String name) {
    return deployed(Deployment.class).stream()
        .filter(deployment -> deployment.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no Deployment " + name + " in deploy/k8s"));
  }

  static Stream<Manifest> parse(Path file) {
    return StrictYaml.documents(file).stream().map(tree -> new Manifest(file, tree, model(tree)));
  }

  /** The typed model of a manifest; fails on an unknown kind or any field its model lacks. */
  static Object model(JsonNode tree) {
    String type = typeOf(tree);
    if (type.equals(CNPG_CLUSTER)) {
      return null;
    }
    Class<?> model = MODELS.get(type);
    if (model == null) {
      throw new IllegalArgumentException("no typed model for " + type + " (Manifests.MODELS)");
    }
    HasMetadata resource = (HasMetadata) StrictYaml.typed(tree, model);
    if (resource.getMetadata() == null || resource.getMetadata().getName() == null) {
      throw new IllegalArgumentException(type + " without metadata.name");
    }
    return resource;
  }

  static Stream<Path> yamlFiles(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      return files
          .filter(file -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
          .sorted()
          .toList()
          .stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String typeOf(JsonNode tree) {
    return tree.path("apiVersion").asText() + "/" + tree.path("kind").asText();
  }

  private Manifests() {}
}
