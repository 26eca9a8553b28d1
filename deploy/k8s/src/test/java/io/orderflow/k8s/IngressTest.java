package io.orderflow.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Ingress brings clients to order-api's API over TLS and nothing else, and order-api believes
 * the forwarded client address only from the proxies its ConfigMap names.
 */
class IngressTest {
  private static final Pattern ADDRESS_OR_CIDR = Pattern.compile("[0-9a-fA-F:.]+(/[0-9]{1,3})?");

  @Test
  void onlyTheApiOfOrderApiIsExposedOnItsHttpPort() {
    List<HTTPIngressPath> paths =
        ingress().getSpec().getRules().stream()
            .flatMap(rule -> rule.getHttp().getPaths().stream())
            .toList();

    assertThat(paths).extracting(HTTPIngressPath::getPath).containsExactly("/api");
    IngressServiceBackend backend = paths.get(0).getBackend().getService();
    assertThat(backend.getName()).isEqualTo("order-api");
    ServicePort servicePort =
        service("order-api").getSpec().getPorts().stream()
            .filter(port -> port.getName().equals(backend.getPort().getName()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("order-api's Service has no port " + backend));
    ContainerPort http =
        Containers.of("order-api").getPorts().stream()
            .filter(port -> port.getName().equals("http"))
            .findFirst()
            .orElseThrow();
    assertThat(servicePort.getTargetPort().getIntVal()).isEqualTo(http.getContainerPort());
  }

  @Test
  void everyHostIsServedOverTls() {
    Ingress ingress = ingress();
    List<String> tlsHosts =
        ingress.getSpec().getTls().stream().flatMap(tls -> tls.getHosts().stream()).toList();

    assertThat(ingress.getSpec().getTls())
        .extracting(IngressTLS::getSecretName)
        .doesNotContainNull();
    ingress.getSpec().getRules().forEach(rule -> assertThat(tlsHosts).contains(rule.getHost()));
  }

  @Test
  void orderApiBelievesForwardedAddressesFromTheConfiguredProxiesOnly() {
    assertThat(
            Containers.env("order-api", "QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING").getValue())
        .isEqualTo("true");
    assertThat(Containers.env("order-api", "QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED").getValue())
        .isEqualTo("true");
    ConfigMapKeySelector proxies =
        Containers.env("order-api", "QUARKUS_HTTP_PROXY_TRUSTED_PROXIES")
            .getValueFrom()
            .getConfigMapKeyRef();
    ConfigMap configMap =
        Manifests.deployed(ConfigMap.class).stream()
            .filter(map -> map.getMetadata().getName().equals(proxies.getName()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no ConfigMap " + proxies.getName()));

    String trusted = configMap.getData().get(proxies.getKey());
    assertThat(trusted).isNotBlank();
    for (String proxy : trusted.split(",")) {
      assertThat(proxy.strip()).matches(ADDRESS_OR_CIDR);
    }
  }

  private static Ingress ingress() {
    List<Ingress> ingresses = Manifests.deployed(Ingress.class);
    assertThat(ingresses).hasSize(1);
    return ingresses.get(0);
  }

  private static Service service(String name) {
    return Manifests.deployed(Service.class).stream()
        .filter(service -> service.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no Service " + name));
  }
}
