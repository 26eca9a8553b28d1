package io.orderflow.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {
  private final RestartPolicy policy = RestartPolicy.DEFAULT;

  @Test
  void quickDeathsDoubleTheBackoffUpToThirtySecondsThenGiveUp() {
    List<Long> delays = new ArrayList<>();
    int quickDeaths = 0;
    RestartPolicy.Next next = policy.afterDeath(quickDeaths, Duration.ofSeconds(2));
    while (!next.giveUp()) {
      delays.add(next.delay().toSeconds());
      next = policy.afterDeath(next.quickDeaths(), Duration.ZERO);
    }

    assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 30L), delays);
    assertEquals(7, next.quickDeaths());
  }

  @Test
  void aMinuteUpResetsTheBackoff() {
    RestartPolicy.Next next = policy.afterDeath(5, Duration.ofSeconds(61));

    assertEquals(0, next.quickDeaths());
    assertEquals(Duration.ofSeconds(1), next.delay());
    assertFalse(next.giveUp());
  }

  @Test
  void aDeathJustShortOfAMinuteStillCounts() {
    RestartPolicy.Next next = policy.afterDeath(6, Duration.ofSeconds(59));

    assertTrue(next.giveUp());
  }
}
