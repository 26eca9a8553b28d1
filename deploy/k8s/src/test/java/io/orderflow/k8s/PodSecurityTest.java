package io.orderflow.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every workload of ours meets the restricted Pod Security Standard (non-root, no privilege
 * escalation, every capability dropped, the runtime's seccomp profile), on a read-only root
 * filesystem whose writable paths are volumes. The operators' pods (Strimzi, CloudNativePG) are
 * theirs to harden.
 */
class PodSecurityTest {

  @Test
  void everyContainerMeetsTheRestrictedProfile() {
    workloads()
        .forEach(
            (name, pod) -> {
              for (Container container : pod.getSpec().getContainers()) {
                String what = name + "/" + container.getName();
                SecurityContext own = container.getSecurityContext();
                assertThat(own).as(what).isNotNull();
                assertThat(own.getAllowPrivilegeEscalation()).as(what).isFalse();
                assertThat(own.getCapabilities().getDrop()).as(what).containsExactly("ALL");
                assertThat(own.getCapabilities().getAdd()).as(what).isNullOrEmpty();
                assertThat(
                        fromContainerOrPod(
                            own,
                            pod,
                            SecurityContext::getRunAsNonRoot,
                            PodSecurityContext::getRunAsNonRoot))
                    .as(what + " runAsNonRoot")
                    .contains(true);
                assertThat(
                        fromContainerOrPod(
                            own,
                            pod,
                            c ->
                                c.getSeccompProfile() == null
                                    ? null
                                    : c.getSeccompProfile().getType(),
                            p ->
                                p.getSeccompProfile() == null
                                    ? null
                                    : p.getSeccompProfile().getType()))
                    .as(what + " seccompProfile")
                    .contains("RuntimeDefault");
                assertThat(own.getReadOnlyRootFilesystem()).as(what).isTrue();
              }
            });
  }

  @Test
  void everyServiceWritesOnlyToItsTmpVolume() {
    for (String service : ServiceDeploymentsTest.SERVICES) {
      Container container = Containers.of(service);
      VolumeMount tmp =
          container.getVolumeMounts().stream()
              .filter(mount -> mount.getMountPath().equals("/tmp"))
              .findFirst()
              .orElseThrow(() -> new AssertionError(service + " has no /tmp volume"));
      Volume volume =
          workloads().get(service).getSpec().getVolumes().stream()
              .filter(v -> v.getName().equals(tmp.getName()))
              .findFirst()
              .orElseThrow();
      assertThat(volume.getEmptyDir()).as(service).isNotNull();
    }
  }

  @Test
  void noDeploymentUnderAnAutoscalerSetsItsReplicas() {
    for (HorizontalPodAutoscaler autoscaler : Manifests.deployed(HorizontalPodAutoscaler.class)) {
      String target = autoscaler.getSpec().getScaleTargetRef().getName();
      Deployment deployment =
          Manifests.deployed(Deployment.class).stream()
              .filter(d -> d.getMetadata().getName().equals(target))
              .findFirst()
              .orElseThrow();
      assertThat(deployment.getSpec().getReplicas())
          .as(target + ": kubectl apply would reset what its autoscaler chose")
          .isNull();
    }
  }

  private static Map<String, PodTemplateSpec> workloads() {
    Map<String, PodTemplateSpec> pods = new LinkedHashMap<>();
    Manifests.deployed(Deployment.class)
        .forEach(d -> pods.put(d.getMetadata().getName(), d.getSpec().getTemplate()));
    Manifests.deployed(StatefulSet.class)
        .forEach(s -> pods.put(s.getMetadata().getName(), s.getSpec().getTemplate()));
    return pods;
  }

  /** A container's own setting, else the pod's, as Kubernetes resolves them. */
  private static <T> Optional<T> fromContainerOrPod(
      SecurityContext container,
      PodTemplateSpec pod,
      Function<SecurityContext, T> own,
      Function<PodSecurityContext, T> inherited) {
    return Optional.ofNullable(own.apply(container))
        .or(() -> Optional.ofNullable(pod.getSpec().getSecurityContext()).map(inherited));
  }
}
