package io.orderflow.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.orderflow.k8s.NetworkReachability.Pod;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Who reaches what in the namespace, from the deployed NetworkPolicies plus the one Strimzi writes
 * for Kafka's client listener: every connection between the pods below is tried, and exactly the
 * listed ones are open.
 */
class NetworkPoliciesTest {
  private static final String NAMESPACE = "orderflow";

  /** Source → target:port, everything else refused. */
  private static final Set<String> OPEN =
      Set.of(
          "order-api → kafka:9092",
          "order-api → postgres:5432",
          "order-api → redis:6379",
          "inventory-worker → kafka:9092",
          "inventory-worker → postgres:5432",
          "notification-consumer → kafka:9092",
          "notification-consumer → postgres:5432",
          "postgres → postgres:5432",
          "postgres → postgres:8000",
          "cnpg-operator → postgres:8000",
          "ingress-controller → order-api:http",
          "prometheus → order-api:management",
          "prometheus → inventory-worker:management",
          "prometheus → notification-consumer:management",
          "prometheus → postgres:9187");

  private record Target(Pod pod, String port, int number) {
    @Override
    public String toString() {
      return pod.name() + ":" + port;
    }
  }

  @Test
  void exactlyTheListedConnectionsAreOpen() {
    NetworkReachability network = new NetworkReachability(NAMESPACE, policies());
    List<Pod> ours = ourPods();

    Set<String> open = new TreeSet<>();
    for (Pod from : sources(ours)) {
      for (Target to : targets(ours)) {
        if (network.allows(from, to.pod(), to.number())) {
          open.add(from.name() + " → " + to);
        }
      }
    }

    assertThat(open).containsExactlyInAnyOrderElementsOf(OPEN);
  }

  @Test
  void everyPodOfTheNamespaceIsSelectedByADenyingPolicy() {
    List<NetworkPolicy> denying =
        Manifests.deployed(NetworkPolicy.class).stream()
            .filter(policy -> policy.getSpec().getIngress().isEmpty())
            .toList();
    Pod stranger = new Pod("anything", NAMESPACE, Map.of("app", "anything"), Map.of());

    assertThat(denying)
        .anySatisfy(
            policy ->
                assertThat(
                        NetworkReachability.matches(
                            policy.getSpec().getPodSelector(), stranger.labels()))
                    .isTrue());
  }

  @Test
  void thePolicyOfAServicePortNamesAPortTheServiceHas() {
    Set<String> servicePorts =
        Containers.SERVICES.stream()
            .flatMap(service -> Containers.of(service).getPorts().stream())
            .map(ContainerPort::getName)
            .collect(Collectors.toSet());

    Manifests.deployed(NetworkPolicy.class).stream()
        .flatMap(policy -> policy.getSpec().getIngress().stream())
        .flatMap(rule -> rule.getPorts().stream())
        .map(port -> port.getPort().getStrVal())
        .filter(name -> name != null)
        .forEach(name -> assertThat(servicePorts).contains(name));
  }

  /** Every deployed policy and the one Strimzi derives from each listener's networkPolicyPeers. */
  private static List<NetworkPolicy> policies() {
    List<NetworkPolicy> policies = new ArrayList<>(Manifests.deployed(NetworkPolicy.class));
    for (Kafka kafka : Manifests.deployed(Kafka.class)) {
      for (GenericKafkaListener listener : kafka.getSpec().getKafka().getListeners()) {
        policies.add(
            new NetworkPolicyBuilder()
                .withNewMetadata()
                .withName(kafka.getMetadata().getName() + "-network-policy-kafka")
                .endMetadata()
                .withNewSpec()
                .withNewPodSelector()
                .withMatchLabels(
                    Map.of(
                        "strimzi.io/cluster",
                        kafka.getMetadata().getName(),
                        "strimzi.io/kind",
                        "Kafka"))
                .endPodSelector()
                .withPolicyTypes("Ingress")
                .addNewIngress()
                .withFrom(listener.getNetworkPolicyPeers())
                .addNewPort()
                .withPort(new IntOrString(listener.getPort()))
                .endPort()
                .endIngress()
                .endSpec()
                .build());
      }
    }
    return policies;
  }

  /**
   * The services and Redis as their manifests make them; Kafka and PostgreSQL as the operators
   * label theirs.
   */
  private static List<Pod> ourPods() {
    List<Pod> pods = new ArrayList<>();
    Manifests.deployed(Deployment.class)
        .forEach(
            deployment ->
                pods.add(
                    pod(deployment.getMetadata().getName(), deployment.getSpec().getTemplate())));
    Manifests.deployed(StatefulSet.class)
        .forEach(
            set ->
                pods.add(
                    pod(
                        set.getMetadata().getName().replace("orderflow-", ""),
                        set.getSpec().getTemplate())));
    pods.add(
        new Pod(
            "kafka",
            NAMESPACE,
            Map.of(
                "strimzi.io/cluster", "orderflow",
                "strimzi.io/kind", "Kafka",
                "strimzi.io/name", "orderflow-kafka",
                "strimzi.io/pool-name", "dual-role"),
            Map.of()));
    pods.add(
        new Pod(
            "postgres",
            NAMESPACE,
            Map.of("cnpg.io/cluster", "orderflow-db", "cnpg.io/instanceRole", "primary"),
            Map.of()));
    return pods;
  }

  private static Pod pod(String name, PodTemplateSpec template) {
    Map<String, Integer> ports =
        template.getSpec().getContainers().stream()
            .flatMap(container -> container.getPorts().stream())
            .filter(port -> port.getName() != null)
            .collect(Collectors.toMap(ContainerPort::getName, ContainerPort::getContainerPort));
    return new Pod(name, NAMESPACE, template.getMetadata().getLabels(), ports);
  }

  /**
   * Our pods, a stranger in our namespace, a pod elsewhere wearing order-api's labels, and the
   * ingress controller, Prometheus and the CloudNativePG operator in their namespaces.
   */
  private static List<Pod> sources(List<Pod> ours) {
    return Stream.concat(
            ours.stream(),
            Stream.of(
                new Pod("stranger", NAMESPACE, Map.of("app", "debug"), Map.of()),
                new Pod(
                    "impostor", "shop", Map.of("app.kubernetes.io/name", "order-api"), Map.of()),
                new Pod(
                    "ingress-controller",
                    "ingress-nginx",
                    Map.of("app.kubernetes.io/name", "ingress-nginx"),
                    Map.of()),
                new Pod(
                    "prometheus",
                    "monitoring",
                    Map.of("app.kubernetes.io/name", "prometheus"),
                    Map.of()),
                new Pod(
                    "cnpg-operator",
                    "cnpg-system",
                    Map.of("app.kubernetes.io/name", "cloudnative-pg"),
                    Map.of())))
        .toList();
  }

  /**
   * Every named port of our pods (a service's by name), plus Kafka's client port and PostgreSQL's
   * three.
   */
  private static List<Target> targets(List<Pod> ours) {
    List<Target> targets = new ArrayList<>();
    for (Pod pod : ours) {
      boolean service = Containers.SERVICES.contains(pod.name());
      pod.ports()
          .forEach(
              (name, number) ->
                  targets.add(new Target(pod, service ? name : String.valueOf(number), number)));
      if (pod.name().equals("kafka")) {
        targets.add(new Target(pod, "9092", 9092));
      }
      if (pod.name().equals("postgres")) {
        Stream.of(5432, 8000, 9187)
            .forEach(port -> targets.add(new Target(pod, String.valueOf(port), port)));
      }
    }
    return targets;
  }
}
