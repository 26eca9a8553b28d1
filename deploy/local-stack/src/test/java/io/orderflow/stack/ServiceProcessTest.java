package io.orderflow.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceProcessTest {
  private static final Map<String, String> SECRETS =
      Map.of(
          "quarkus.datasource.password", "db-secret-1",
          "quarkus.redis.password", "redis-secret-2",
          "orderflow.auth.admin.password", "admin-secret-3");

  private final ServiceProcess service =
      new ServiceProcess("order-api", "order-api", 18080, 19080, SECRETS);

  @Test
  void noSecretAppearsOnTheCommandLine() {
    String commandLine = String.join(" ", service.command(Path.of("quarkus-run.jar")));

    SECRETS.values().forEach(secret -> assertFalse(commandLine.contains(secret), commandLine));
  }

  @Test
  void theConfigurationReachesTheChildThroughItsEnvironment() {
    Map<String, String> environment = service.environment();

    assertEquals("db-secret-1", environment.get("QUARKUS_DATASOURCE_PASSWORD"));
    assertEquals("redis-secret-2", environment.get("QUARKUS_REDIS_PASSWORD"));
    assertEquals("admin-secret-3", environment.get("ORDERFLOW_AUTH_ADMIN_PASSWORD"));
    assertEquals("18080", environment.get("QUARKUS_HTTP_PORT"));
    assertEquals("19080", environment.get("QUARKUS_MANAGEMENT_PORT"));
  }

  @Test
  void environmentNamesFollowMicroProfileConfig() {
    assertEquals(
        "ORDERFLOW_API_DECISION_WAIT",
        ServiceProcess.environmentName("orderflow.api.decision-wait"));
    assertEquals(
        "QUARKUS_LOG_CATEGORY__IO_ORDERFLOW__LEVEL",
        ServiceProcess.environmentName("quarkus.log.category.\"io.orderflow\".level"));
  }
}
