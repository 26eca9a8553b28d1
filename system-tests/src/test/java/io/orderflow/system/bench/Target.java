package io.orderflow.system.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One of the figures orderflow must reach against the reference (issue 16, "the benchmark must
 * measure what users run"), judged on the medians of the runs.
 *
 * @param met null when a figure it needs was not measured
 * @param figures what it was judged on
 */
record Target(String name, Boolean met, String figures) {
  private static final String ORDERFLOW = "orderflow";
  private static final String REFERENCE = "reference";

  /** Every target, in the order of the report's table. */
  static List<Target> judge(List<ScenarioResult> results) {
    Results r = new Results(results);
    List<Target> targets = new ArrayList<>();
    targets.add(rate(r, "uniform", 0.8));
    targets.add(rate(r, "uniform-keyed", 0.8));
    targets.add(rate(r, "hot", 1.5));
    targets.add(burst(r, "burst 256"));
    targets.add(burst(r, "burst 1024"));
    targets.add(cpu(r));
    targets.add(coldStart(r));
    targets.add(backlog(r));
    targets.add(latency(r));
    targets.add(memory(r));
    return targets;
  }

  /** Decided orders/s at least {@code times} the reference's in the same scenario. */
  private static Target rate(Results r, String scenario, double times) {
    String name = String.format(Locale.ROOT, "%s ≥ %.1f× reference", scenario, times);
    Double orderflow = r.figure(ORDERFLOW, scenario, ScenarioResult::decidedPerSecond);
    Double reference = r.figure(REFERENCE, scenario, ScenarioResult::decidedPerSecond);
    if (orderflow == null || reference == null || reference == 0) {
      return notMeasured(name);
    }
    return new Target(
        name, orderflow / reference >= times, versus(orderflow, reference, "decided orders/s"));
  }

  /** At least the reference's rate, and every order decided within the POST's wait. */
  private static Target burst(Results r, String scenario) {
    String name = scenario + " ≥ 1.0× reference, no 202, no time-out";
    ScenarioResult orderflow = r.get(ORDERFLOW, scenario);
    Double reference = r.figure(REFERENCE, scenario, ScenarioResult::decidedPerSecond);
    if (orderflow == null || reference == null || reference == 0) {
      return notMeasured(name);
    }
    long accepted = orderflow.answers().getOrDefault(Answer.ACCEPTED.column, 0L);
    long timeouts = orderflow.answers().getOrDefault(Answer.TIMEOUT.column, 0L);
    return new Target(
        name,
        orderflow.decidedPerSecond() >= reference && accepted == 0 && timeouts == 0,
        versus(orderflow.decidedPerSecond(), reference, "decided orders/s")
            + "; 202: "
            + accepted
            + ", time-outs: "
            + timeouts);
  }

  private static Target cpu(Results r) {
    ScenarioResult uniform = r.get(ORDERFLOW, "uniform");
    String name =
        "CPU per decided order, uniform"
            + (uniform == null ? "" : " at " + uniform.connections() + " conn.")
            + " ≤ 1.3× reference";
    Double orderflow = r.figure(ORDERFLOW, "uniform", Target::cpuMs);
    Double reference = r.figure(REFERENCE, "uniform", Target::cpuMs);
    if (orderflow == null || reference == null || reference == 0) {
      return notMeasured(name);
    }
    return new Target(
        name, orderflow / reference <= 1.3, versus(orderflow, reference, "ms per order"));
  }

  /** The first minute on fresh JVMs against the uniform scenario's (warm) rate. */
  private static Target coldStart(Results r) {
    String name = "cold start: first 60 s ≥ 70 % of the steady (uniform) rate";
    Double first = r.window(ORDERFLOW, Scenarios.FIRST_MINUTE);
    Double steady = r.figure(ORDERFLOW, "uniform", ScenarioResult::decidedPerSecond);
    if (first == null || steady == null || steady == 0) {
      return notMeasured(name);
    }
    Double referenceFirst = r.window(REFERENCE, Scenarios.FIRST_MINUTE);
    Double referenceSteady = r.figure(REFERENCE, "uniform", ScenarioResult::decidedPerSecond);
    return new Target(
        name,
        first / steady >= 0.7,
        String.format(
                Locale.ROOT,
                "%.0f of %.0f decided orders/s: %.0f %%",
                first,
                steady,
                100 * first / steady)
            + (referenceFirst == null || referenceSteady == null || referenceSteady == 0
                ? ""
                : String.format(
                    Locale.ROOT, " (reference %.0f %%)", 100 * referenceFirst / referenceSteady)));
  }

  /**
   * Deciding a backlog at five times the reference's uniform rate, and showing it in the read model
   * at least half as fast (so within twice the time).
   */
  private static Target backlog(Results r) {
    String name = "backlog ≥ 5× reference uniform, visible within 2× the time";
    ScenarioResult backlog = r.get(ORDERFLOW, "backlog");
    Double reference = r.figure(REFERENCE, "uniform", ScenarioResult::decidedPerSecond);
    if (backlog == null
        || backlog.wasSkipped()
        || backlog.visiblePerSecond() == null
        || backlog.visiblePerSecond() == 0
        || reference == null
        || reference == 0) {
      return notMeasured(name);
    }
    double decided = backlog.decidedPerSecond();
    double visible = backlog.visiblePerSecond();
    return new Target(
        name,
        decided >= 5 * reference && visible >= decided / 2,
        versus(decided, reference, "decided orders/s")
            + String.format(
                Locale.ROOT,
                "; visible %.0f/s: %.2f× the deciding time",
                visible,
                decided / visible));
  }

  private static Target latency(Results r) {
    String name = "POST p99 ≤ 50 ms at 50 % of its own maximum";
    Double p99 = r.figure(ORDERFLOW, "latency 50%", ScenarioResult::p99Ms);
    if (p99 == null) {
      return notMeasured(name);
    }
    return new Target(name, p99 <= 50, Report.number(p99) + " ms");
  }

  /**
   * orderflow's own services (not Kafka, PostgreSQL, Redis) after the largest burst: the most each
   * used from the burst's start until the pipeline was quiet.
   */
  private static Target memory(Results r) {
    String name = "every orderflow service ≤ 300 MB RSS after burst 1024";
    ScenarioResult burst = r.get(ORDERFLOW, "burst 1024");
    if (burst == null || burst.wasSkipped()) {
      return notMeasured(name);
    }
    Map<String, Double> services =
        burst.maxMemoryMb().entrySet().stream()
            .filter(e -> BenchStack.isOrderflowService(e.getKey()))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    if (services.isEmpty()) {
      return notMeasured(name);
    }
    return new Target(
        name,
        services.values().stream().allMatch(mb -> mb <= 300),
        services.entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(e -> String.format(Locale.ROOT, "%s %.0f MB", e.getKey(), e.getValue()))
            .collect(Collectors.joining(", ")));
  }

  private static Double cpuMs(ScenarioResult r) {
    return r.cpuMsPerOrder().get(ScenarioResult.TOTAL);
  }

  private static String versus(double orderflow, double reference, String unit) {
    return String.format(
        Locale.ROOT,
        "%s vs %s %s: %.2f×",
        Report.number(orderflow),
        Report.number(reference),
        unit,
        orderflow / reference);
  }

  private static Target notMeasured(String name) {
    return new Target(name, null, "not measured");
  }

  /** The results by contender and scenario; skipped ones count as not measured. */
  private record Results(List<ScenarioResult> results) {
    ScenarioResult get(String contender, String scenario) {
      return results.stream()
          .filter(r -> r.contender().equals(contender) && r.scenario().equals(scenario))
          .filter(r -> !r.wasSkipped())
          .findFirst()
          .orElse(null);
    }

    Double figure(String contender, String scenario, Function<ScenarioResult, Double> figure) {
      ScenarioResult r = get(contender, scenario);
      return r == null ? null : figure.apply(r);
    }

    Double window(String contender, Scenarios.ColdWindow window) {
      return figure(contender, Scenarios.COLD_START, r -> r.windowRates().get(window.name()));
    }
  }
}
