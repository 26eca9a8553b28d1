package io.orderflow.api.console;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The production decision wait (5 s) instead of the test profile's 0.5 s, so what a page shows
 * after placing or changing an order does not depend on how busy the machine is.
 */
public class DecidedInTheWait implements QuarkusTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("orderflow.api.decision-wait", "PT5S");
  }
}
