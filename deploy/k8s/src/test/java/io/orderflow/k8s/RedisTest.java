package io.orderflow.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedisTest {

  @Test
  void redisNeverEvictsAndAsksForThePasswordOrderApiSends() {
    StatefulSet redis = Manifests.deployed(StatefulSet.class).get(0);
    Container server = redis.getSpec().getTemplate().getSpec().getContainers().get(0);
    List<String> args = server.getArgs();

    assertThat(args.get(args.indexOf("--maxmemory-policy") + 1)).isEqualTo("noeviction");
    assertThat(args.get(args.indexOf("--requirepass") + 1)).isEqualTo("$(REDIS_PASSWORD)");
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
}
