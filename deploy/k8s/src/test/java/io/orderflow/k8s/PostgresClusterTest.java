package io.orderflow.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.orderflow.k8s.Manifests.Manifest;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The CloudNativePG Cluster, read as a tree (no typed model): the fields the services rely on. */
class PostgresClusterTest {

  @Test
  void servicesConnectToThePrimaryWithTheApplicationUserTheOperatorCreates() {
    JsonNode initdb = cluster().at("/spec/bootstrap/initdb");
    String database = initdb.path("database").asText();

    assertThat(database).isNotEmpty();
    assertThat(initdb.path("owner").asText()).isNotEmpty();
    for (String service : Containers.SERVICES) {
      assertThat(Containers.env(service, "QUARKUS_DATASOURCE_JDBC_URL").getValue())
          .isEqualTo("jdbc:postgresql://" + clusterName() + "-rw:5432/" + database);
      for (String variable :
          new String[] {"QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD"}) {
        assertThat(Containers.env(service, variable).getValueFrom().getSecretKeyRef().getName())
            .isEqualTo(clusterName() + "-app");
      }
    }
  }

  @Test
  void theClusterHasAStandbyAndRoomForEveryConnectionPoolAtFullScale() {
    int connections = 0;
    for (String service : Containers.SERVICES) {
      int pool =
          Integer.parseInt(
              ServiceConfig.applicationProperties(service)
                  .getProperty("quarkus.datasource.jdbc.max-size"));
      connections += pool * maxReplicas(service);
    }

    assertThat(cluster().at("/spec/instances").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(cluster().at("/spec/postgresql/parameters/max_connections").asInt())
        .isGreaterThan(connections);
  }

  /** README, "Durability": a failover must not lose a commit the services were told of. */
  @Test
  void aCommitReturnsOnlyOnceAStandbyHasIt() {
    JsonNode synchronous = cluster().at("/spec/postgresql/synchronous");

    assertThat(synchronous.path("number").asInt())
        .isBetween(1, cluster().at("/spec/instances").asInt() - 1);
    assertThat(synchronous.path("method").asText()).isIn("any", "first");
    assertThat(synchronous.path("dataDurability").asText("required")).isEqualTo("required");
  }

  static String clusterName() {
    return cluster().at("/metadata/name").asText();
  }

  private static JsonNode cluster() {
    return Manifests.deployed().stream()
        .filter(manifest -> manifest.type().equals(Manifests.CNPG_CLUSTER))
        .map(Manifest::tree)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no CloudNativePG Cluster in deploy/k8s"));
  }

  private static int maxReplicas(String service) {
    return Manifests.deployed(HorizontalPodAutoscaler.class).stream()
        .filter(hpa -> hpa.getSpec().getScaleTargetRef().getName().equals(service))
        .map(hpa -> hpa.getSpec().getMaxReplicas())
        .findFirst()
        .orElseGet(
            () ->
                // Kubernetes runs one replica where a Deployment names none
                Optional.ofNullable(Manifests.deployment(service).getSpec().getReplicas())
                    .orElse(1));
  }
}
