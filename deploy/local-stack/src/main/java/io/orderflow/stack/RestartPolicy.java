package io.orderflow.stack;

import java.time.Duration;

/**
 * When {@link Supervisor} starts a dead process again: after a backoff that begins at {@code
 * firstDelay} and doubles up to {@code maxDelay}, reset once a run lasted {@code stableAfter}; and
 * never again after {@code maxQuickDeaths} deaths in a row that each came sooner than that, which
 * is a process that cannot start (a bad configuration, a port taken by someone else).
 */
record RestartPolicy(
    Duration firstDelay, Duration maxDelay, Duration stableAfter, int maxQuickDeaths) {

  /** 1 s doubling to 30 s, reset after a minute up; seven quick deaths in a row end the stack. */
  static final RestartPolicy DEFAULT =
      new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(1), 7);

  /** What to do after a death. */
  record Next(int quickDeaths, Duration delay, boolean giveUp) {}

  /**
   * @param quickDeathsBefore quick deaths in a row before this one
   * @param uptime how long the process ran this time (zero for a start that failed)
   */
  Next afterDeath(int quickDeathsBefore, Duration uptime) {
    int quickDeaths = uptime.compareTo(stableAfter) >= 0 ? 0 : quickDeathsBefore + 1;
    return new Next(quickDeaths, delay(quickDeaths), quickDeaths >= maxQuickDeaths);
  }

  private Duration delay(int quickDeaths) {
    Duration delay = firstDelay;
    for (int i = 1; i < quickDeaths && delay.compareTo(maxDelay) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }
}
