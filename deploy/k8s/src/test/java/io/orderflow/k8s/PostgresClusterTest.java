package io.orderflow.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.orderflow.k8s.Manifests.Manifest;
import io.orderflow.stack.DatabaseRoles;
import io.orderflow.stack.ServiceRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The CloudNativePG Cluster, read as a tree (no typed model): the fields the services rely on, and
 * the roles of {@link ServiceRole} (ADR 028).
 */
class PostgresClusterTest {

  @Test
  void servicesConnectToThePrimary() {
    for (String service : Containers.SERVICES) {
      assertThat(Containers.env(service, "QUARKUS_DATASOURCE_JDBC_URL").getValue())
          .isEqualTo("jdbc:postgresql://" + clusterName() + "-rw:5432/" + database());
    }
  }

  /** ADR 028: the bootstrap SQL is the local stack's layout, so both have the same rights. */
  @Test
  void theBootstrapMakesTheRolesAndSchemasOfServiceRole() {
    JsonNode initdb = cluster().at("/spec/bootstrap/initdb");
    List<String> sql = new ArrayList<>();
    initdb.path("postInitApplicationSQL").forEach(statement -> sql.add(statement.asText()));

    assertThat(initdb.path("owner").asText())
        .isNotEmpty()
        .isNotIn(ServiceRole.DEPLOYED.stream().map(ServiceRole::name).toList());
    assertThat(sql).isEqualTo(DatabaseRoles.layout(database(), ServiceRole.DEPLOYED));
  }

  /**
   * Each service logs in with its own role: the operator sets the role's password from the Secret
   * the service reads its username and password from, and the Secret's template names the role.
   */
  @Test
  void eachServiceLogsInWithItsOwnManagedRole() {
    JsonNode roles = cluster().at("/spec/managed/roles");
    assertThat(roles).hasSize(ServiceRole.DEPLOYED.size());

    for (ServiceRole role : ServiceRole.DEPLOYED) {
      JsonNode managed = managedRole(roles, role.name());
      String secret = managed.at("/passwordSecret/name").asText();
      assertThat(managed.path("ensure").asText("present")).isEqualTo("present");
      assertThat(managed.path("login").asBoolean()).isTrue();
      assertThat(managed.path("superuser").asBoolean(false)).isFalse();

      for (String key : new String[] {"username", "password"}) {
        SecretKeySelector reference =
            Containers.env(role.module(), "QUARKUS_DATASOURCE_" + key.toUpperCase(Locale.ROOT))
                .getValueFrom()
                .getSecretKeyRef();
        assertThat(reference.getName()).as(role.module()).isEqualTo(secret);
        assertThat(reference.getKey()).isEqualTo(key);
      }
      Secret template =
          Manifests.secretTemplates().stream()
              .filter(candidate -> candidate.getMetadata().getName().equals(secret))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no template of " + secret));
      // CloudNativePG takes a basic-auth Secret whose username is the role's name
      assertThat(template.getType()).isEqualTo("kubernetes.io/basic-auth");
      assertThat(template.getStringData()).containsEntry("username", role.name());
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

  /**
   * docs/operations.md, "Durability": a failover must not lose a commit the services were told of.
   */
  @Test
  void aCommitReturnsOnlyOnceAStandbyHasIt() {
    JsonNode synchronous = cluster().at("/spec/postgresql/synchronous");

    assertThat(synchronous.path("number").asInt())
        .isBetween(1, cluster().at("/spec/instances").asInt() - 1);
    assertThat(synchronous.path("method").asText()).isIn("any", "first");
    assertThat(synchronous.path("dataDurability").asText("required")).isEqualTo("required");
  }

  private static JsonNode managedRole(JsonNode roles, String name) {
    for (JsonNode role : roles) {
      if (role.path("name").asText().equals(name)) {
        return role;
      }
    }
    throw new AssertionError("no managed role " + name);
  }

  private static String database() {
    return cluster().at("/spec/bootstrap/initdb/database").asText();
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
