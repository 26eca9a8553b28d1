package io.orderflow.api;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The production decision wait (5 s) instead of the test profile's 0.5 s, for tests whose answers
 * must be decided ones (200 or 400, what a page shows after placing or changing an order): on a
 * busy machine the stand-in worker's round trip can take longer than 0.5 s.
 */
public class DecidedInTheWait implements QuarkusTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("orderflow.api.decision-wait", "PT5S");
  }
}
