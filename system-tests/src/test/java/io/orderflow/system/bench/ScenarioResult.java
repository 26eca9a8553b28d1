package io.orderflow.system.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The figures of one scenario on one contender, as printed and written to the JSON file.
 *
 * @param connections of the generator; 0 where none were used (backlog)
 * @param offeredPerSecond the open loop's fixed rate; null for closed loops
 * @param seconds the measured window
 * @param decidedPerSecond orders placed in the window that the contender's database shows decided
 *     (reserved or rejected, whatever the answer was: 202 and timeouts included), per second of the
 *     window; the reference stores no rejection, so its 400 stock answers are added
 * @param visiblePerSecond backlog only: orders decided in the read model per second
 * @param windowRates cold start only: decided orders/s in the minutes {@link
 *     Scenarios#COLD_WINDOWS} names, those the phase lasted
 * @param answers per column (200, 202, 400, 4xx, 5xx, timeout, error and any other)
 * @param stages the pipeline's placed→decided and decided→visible latencies; null otherwise
 * @param cpuMsPerOrder CPU milliseconds per decided order of every watched process, {@code total}
 *     (the contender's own processes) and {@code other} (the rest of the machine's busy time), used
 *     from the window's start until the pipeline was quiet after it
 * @param maxMemoryMb the largest memory seen per process during the phase (until quiet)
 * @param machineBusyPercent of all cores from the window's start until quiet
 * @param quietAfterSeconds from the window's end until the pipeline was quiet (its CPU is counted
 *     until then); null where the phase is not a window of load (backlog)
 * @param checks correctness checks; a failed one contains "FAILED"
 * @param notes further figures of the scenario
 * @param flags why the figures may not be what they seem (cut short, skipped, not quiet)
 */
record ScenarioResult(
    String scenario,
    String contender,
    int connections,
    Double offeredPerSecond,
    double seconds,
    double decidedPerSecond,
    Double visiblePerSecond,
    Map<String, Double> windowRates,
    Map<String, Long> answers,
    Double p50Ms,
    Double p95Ms,
    Double p99Ms,
    Stages stages,
    Map<String, Double> cpuMsPerOrder,
    Map<String, Double> maxMemoryMb,
    double machineBusyPercent,
    Double quietAfterSeconds,
    List<String> checks,
    List<String> notes,
    List<String> flags) {

  static final String TOTAL = "total";
  static final String OTHER = "other";

  /** A scenario that did not run; the flag says why. */
  static ScenarioResult skipped(String scenario, String contender, String why) {
    return new ScenarioResult(
        scenario,
        contender,
        0,
        null,
        0,
        0,
        null,
        Map.of(),
        Map.of(),
        null,
        null,
        null,
        null,
        Map.of(),
        Map.of(),
        0,
        null,
        List.of(),
        List.of(),
        List.of(why));
  }

  boolean wasSkipped() {
    return seconds == 0;
  }

  /**
   * CPU milliseconds per order of each process, the contender's total, and the machine's busy time
   * that no watched process accounts for.
   */
  static Map<String, Double> cpuPerOrder(
      Map<String, Double> usedSeconds, Set<String> contenderProcesses, long orders) {
    Map<String, Double> perOrder = new TreeMap<>();
    double divisor = Math.max(1, orders) / 1000.0;
    double total = 0;
    double watched = 0;
    for (Map.Entry<String, Double> used : usedSeconds.entrySet()) {
      if (used.getKey().equals(ProcessStats.MACHINE)) {
        continue;
      }
      perOrder.put(used.getKey(), used.getValue() / divisor);
      watched += used.getValue();
      if (contenderProcesses.contains(used.getKey())) {
        total += used.getValue();
      }
    }
    perOrder.put(TOTAL, total / divisor);
    perOrder.put(
        OTHER,
        Math.max(0, usedSeconds.getOrDefault(ProcessStats.MACHINE, 0.0) - watched) / divisor);
    return perOrder;
  }

  /**
   * A flag when more than a fifth of the machine's CPU went to processes outside the stack (a build
   * next door): the figures are then not the stack's alone.
   */
  static List<String> neighbourFlags(Map<String, Double> usedSeconds, double seconds) {
    double watched =
        usedSeconds.entrySet().stream()
            .filter(e -> !e.getKey().equals(ProcessStats.MACHINE))
            .mapToDouble(Map.Entry::getValue)
            .sum();
    double other =
        100
            * (usedSeconds.getOrDefault(ProcessStats.MACHINE, 0.0) - watched)
            / (seconds * Runtime.getRuntime().availableProcessors());
    return other > 20
        ? List.of(
            String.format(Locale.ROOT, "%.0f%% of the machine's CPU went to other work", other))
        : List.of();
  }

  static double busyPercent(Map<String, Double> usedSeconds, double seconds) {
    return 100
        * usedSeconds.getOrDefault(ProcessStats.MACHINE, 0.0)
        / (seconds * Runtime.getRuntime().availableProcessors());
  }
}
