package io.orderflow.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JvmOptionsTest {

  @Test
  void optionsForEveryServiceComeBeforeThoseForOneAndBothAfterTheDefaults() {
    Map<String, String> environment =
        Map.of(
            "ORDERFLOW_JVM_OPTIONS", " -Xmx1g  -Dall=1 ",
            "ORDERFLOW_JVM_OPTIONS_INVENTORY_WORKER", "-Dworker=1",
            "ORDERFLOW_JVM_OPTIONS_ORDER_API", "-Dapi=1");

    List<String> worker = JvmOptions.of("inventory-worker", environment);
    List<String> defaults = JvmOptions.of("inventory-worker", Map.of());

    assertEquals(defaults, worker.subList(0, defaults.size()));
    assertEquals(
        List.of("-Xmx1g", "-Dall=1", "-Dworker=1"), worker.subList(defaults.size(), worker.size()));
  }

  @Test
  void withoutOverridesAServiceRunsWithTheDefaults() {
    List<String> options = JvmOptions.of("notification-consumer", Map.of());

    assertEquals(options, JvmOptions.of("notification-consumer", Map.of("OTHER", "-Dx=1")));
  }
}
