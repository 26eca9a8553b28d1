package io.orderflow.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedisTest {

  @Test
  void redisNeverEvictsAndAsksForThePasswordOrderApiSends() {
    Container server = redisServer();
    String script = String.join(" ", server.getCommand());

    assertThat(script)
        .contains("--maxmemory-policy noeviction")
        .contains("printf 'requirepass \"%s\"\\n' \"$REDIS_PASSWORD\" > /run/redis/redis.conf")
        .contains("exec redis-server /run/redis/redis.conf");
    assertThat(
            server.getEnv().stream()
                .filter(env -> env.getName().equals("REDIS_PASSWORD"))
                .findFirst()
                .orElseThrow()
                .getValueFrom()
                .getSecretKeyRef())
        .isEqualTo(
            Containers.env("order-api", "QUARKUS_REDIS_PASSWORD").getValueFrom().getSecretKeyRef());
  }

  /** Any user on the node reads every process's arguments in /proc; the password is not there. */
  @Test
  void thePasswordIsOnNoCommandLine() {
    Container server = redisServer();
    List<String> commandLines =
        List.of(
            String.join(" ", server.getCommand()),
            String.join(" ", server.getArgs()),
            String.join(" ", server.getReadinessProbe().getExec().getCommand()));

    assertThat(commandLines)
        .noneMatch(line -> line.contains("$(REDIS_PASSWORD)"))
        .noneMatch(line -> line.contains("--requirepass"))
        .noneMatch(line -> line.matches(".*redis-cli.* -a .*"));
    assertThat(commandLines.get(2)).contains("REDISCLI_AUTH=\"$REDIS_PASSWORD\" redis-cli ping");
  }

  @Test
  void theServerRunsUnprivilegedOnAReadOnlyRoot() {
    SecurityContext container = redisServer().getSecurityContext();
    StatefulSet redis = Manifests.deployed(StatefulSet.class).get(0);

    assertThat(redis.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot())
        .isTrue();
    assertThat(
            redis
                .getSpec()
                .getTemplate()
                .getSpec()
                .getSecurityContext()
                .getSeccompProfile()
                .getType())
        .isEqualTo("RuntimeDefault");
    assertThat(container.getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
  }

  @Test
  void orderApiReachesRedisThroughItsService() {
    Service service =
        Manifests.deployed(Service.class).stream()
            .filter(s -> s.getSpec().getPorts().stream().anyMatch(p -> p.getPort() == 6379))
            .findFirst()
            .orElseThrow();

    assertThat(Containers.env("order-api", "QUARKUS_REDIS_HOSTS").getValue())
        .isEqualTo("redis://" + service.getMetadata().getName() + ":6379");
  }

  private static Container redisServer() {
    StatefulSet redis = Manifests.deployed(StatefulSet.class).get(0);
    return redis.getSpec().getTemplate().getSpec().getContainers().get(0);
  }
}
