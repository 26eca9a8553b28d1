package io.orderflow.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;

/** The one container of a service's Deployment and its environment. */
final class Containers {
  static final List<String> SERVICES =
      List.of("order-api", "inventory-worker", "notification-consumer");

  static Container of(Deployment deployment) {
    List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
    if (containers.size() != 1) {
      throw new AssertionError(deployment.getMetadata().getName() + " has not one container");
    }
    return containers.get(0);
  }

  static Container of(String service) {
    return of(Manifests.deployment(service));
  }

  static EnvVar env(String service, String name) {
    return of(service).getEnv().stream()
        .filter(env -> env.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(service + " has no env " + name));
  }

  private Containers() {}
}
