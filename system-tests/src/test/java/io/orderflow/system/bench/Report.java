package io.orderflow.system.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The benchmark's output: one table of scenario × (orderflow, reference, ratio), the CPU and memory
 * of every process per scenario, the targets met or not, and the same figures as a JSON file.
 */
final class Report {
  private static final String ORDERFLOW = "orderflow";
  private static final String REFERENCE = "reference";
  private static final String ROW = "%-13s %-31s %22s %22s %7s%n";

  /** Short column names of the processes, in the order they are printed. */
  private static final Map<String, String> PROCESSES = new LinkedHashMap<>();

  static {
    PROCESSES.put("kafka", "kafka");
    PROCESSES.put("postgres", "postgres");
    PROCESSES.put("redis", "redis");
    PROCESSES.put("order-api", "api");
    PROCESSES.put("order-api-a", "api-a");
    PROCESSES.put("order-api-b", "api-b");
    PROCESSES.put("inventory-worker", "worker");
    PROCESSES.put("notification-consumer", "notify");
    PROCESSES.put("reference-service", "ref");
    PROCESSES.put(BenchStack.GENERATOR, "generator");
    PROCESSES.put(ScenarioResult.OTHER, "other");
  }

  /**
   * Everything the JSON file holds.
   *
   * @param results the median of the runs, per scenario and contender
   * @param targets judged on {@code results}
   */
  record Document(
      Instant started,
      double minutes,
      String machine,
      SourceState source,
      BenchSettings settings,
      List<ScenarioResult> results,
      List<Target> targets,
      List<List<ScenarioResult>> runs) {}

  static void print(Document document, PrintStream out) {
    out.println();
    out.printf(
        "== orderflow vs one transaction per order: %s, %s ==%n",
        DateTimeFormatter.ISO_LOCAL_DATE_TIME
            .withZone(ZoneOffset.UTC)
            .format(document.started())
            .substring(0, 19),
        document.machine());
    out.println("   " + document.source().describe());
    BenchSettings s = document.settings();
    out.printf(
        "   %s; %d order-api; %d customers, the worker's per-customer caps on; cold start %d s;"
            + " warm-up %d s (in the first run less the cold start); phases %d s at %d"
            + " connections, bursts %s, latency %s%% of the best rate for %d s, backlog %d orders"
            + " (at most %d s); CPU counted until the pipeline is quiet (at most %d s);"
            + " PostgreSQL fsync=on, synchronous_commit=on; run took %.1f min%n",
        s.runs() == 1 ? "1 run" : "median of " + s.runs() + " runs",
        s.orderApis(),
        s.users(),
        s.coldPhase().toSeconds(),
        s.warmup().toSeconds(),
        s.phase().toSeconds(),
        s.connections(),
        s.bursts(),
        s.latencyLoads(),
        s.latencyPhase().toSeconds(),
        s.backlogOrders(),
        s.backlogLimit().toSeconds(),
        s.quietLimit().toSeconds(),
        document.minutes());
    out.println();
    out.printf(ROW, "scenario", "figure", ORDERFLOW, REFERENCE, "ratio");
    Map<String, Map<String, ScenarioResult>> rows = byScenario(document.results());
    ScenarioResult referenceUniform = rows.getOrDefault("uniform", Map.of()).get(REFERENCE);
    rows.forEach(
        (scenario, sides) -> {
          out.println();
          printScenario(
              out, scenario, sides.get(ORDERFLOW), sides.get(REFERENCE), referenceUniform);
        });
    out.println();
    out.println(
        "CPU ms per decided order / max memory MB of each process, from the window's start until"
            + " the pipeline was quiet (total: the contender's own processes; other: the rest of"
            + " the machine's busy time; memory of PostgreSQL: PSS of all its processes; quiet:"
            + " how long after the window)");
    List<String> columns =
        PROCESSES.keySet().stream()
            .filter(
                p ->
                    document.results().stream()
                        .anyMatch(
                            r ->
                                r.cpuMsPerOrder().containsKey(p) || r.maxMemoryMb().containsKey(p)))
            .toList();
    StringBuilder header = new StringBuilder(String.format("%-13s %-10s", "scenario", "contender"));
    columns.forEach(c -> header.append(String.format(" %12s", PROCESSES.get(c))));
    header.append(String.format(" %7s %6s %7s", "total", "busy", "quiet"));
    out.println(header);
    rows.forEach(
        (scenario, sides) ->
            sides.values().stream()
                .filter(r -> !r.wasSkipped())
                .forEach(r -> out.println(processLine(r, columns))));
    out.println();
    out.println(
        "Targets (orderflow; "
            + (s.runs() == 1 ? "1 run" : "median of " + s.runs() + " runs")
            + ")");
    for (Target target : document.targets()) {
      out.printf(
          "  %-14s %-62s %s%n",
          target.met() == null ? "· not measured" : target.met() ? "✓ met" : "✗ NOT met",
          target.name(),
          target.met() == null ? "" : target.figures());
    }
  }

  private static void printScenario(
      PrintStream out,
      String scenario,
      ScenarioResult orderflow,
      ScenarioResult reference,
      ScenarioResult referenceUniform) {
    List<String[]> lines = new ArrayList<>();
    if (scenario.equals("backlog")) {
      Double base = figure(referenceUniform, ScenarioResult::decidedPerSecond);
      lines.add(
          line(
              "decided orders/s (ref: uniform)",
              rate(orderflow),
              rate(referenceUniform),
              ratio(figure(orderflow, ScenarioResult::decidedPerSecond), base)));
      lines.add(
          line(
              "visible orders/s (read model)",
              number(figure(orderflow, ScenarioResult::visiblePerSecond)),
              rate(referenceUniform),
              ratio(figure(orderflow, ScenarioResult::visiblePerSecond), base)));
    } else {
      lines.add(
          line(
              "decided orders/s (database)",
              rate(orderflow),
              rate(reference),
              ratio(
                  figure(orderflow, ScenarioResult::decidedPerSecond),
                  figure(reference, ScenarioResult::decidedPerSecond))));
      for (Scenarios.ColdWindow window : Scenarios.COLD_WINDOWS) {
        Double a = windowRate(orderflow, window);
        Double b = windowRate(reference, window);
        if (a != null || b != null) {
          lines.add(line("  decided/s " + window.name(), number(a), number(b), ratio(a, b)));
        }
      }
      Double slowdownA = coldRatio(orderflow);
      Double slowdownB = coldRatio(reference);
      if (slowdownA != null || slowdownB != null) {
        lines.add(
            line(
                "  first 60 s ÷ at 300 s",
                number(slowdownA),
                number(slowdownB),
                ratio(slowdownA, slowdownB)));
      }
      lines.add(
          line(
              "POST p50 / p95 / p99 ms",
              percentiles(orderflow),
              percentiles(reference),
              ratio(
                  figure(orderflow, ScenarioResult::p99Ms),
                  figure(reference, ScenarioResult::p99Ms))));
      lines.add(
          line("answers 200/202/400/4xx/5xx/to/err", answers(orderflow), answers(reference), ""));
      Double offeredA = figure(orderflow, ScenarioResult::offeredPerSecond);
      Double offeredB = figure(reference, ScenarioResult::offeredPerSecond);
      if (offeredA != null || offeredB != null) {
        lines.add(line("offered orders/s (open loop)", number(offeredA), number(offeredB), ""));
      }
    }
    Stages stages = orderflow == null ? null : orderflow.stages();
    if (stages != null && !scenario.equals("backlog")) {
      lines.add(
          line(
              "placed→decided p50 / p99 ms",
              number(stages.placedToDecidedP50Ms()) + " / " + number(stages.placedToDecidedP99Ms()),
              "-",
              ""));
    }
    if (stages != null) {
      lines.add(
          line(
              "decided→visible p50 / p99 ms",
              number(stages.decidedToVisibleP50Ms())
                  + " / "
                  + number(stages.decidedToVisibleP99Ms())
                  + (stages.notVisible() > 0 ? " (" + stages.notVisible() + " not)" : ""),
              "-",
              ""));
    }
    Double cpuA = figure(orderflow, r -> r.cpuMsPerOrder().get(ScenarioResult.TOTAL));
    Double cpuB = figure(reference, r -> r.cpuMsPerOrder().get(ScenarioResult.TOTAL));
    lines.add(line("CPU ms per decided order", number(cpuA), number(cpuB), ratio(cpuA, cpuB)));
    String connections = connections(orderflow, reference);
    for (int i = 0; i < lines.size(); i++) {
      String[] l = lines.get(i);
      out.printf(ROW, i == 0 ? scenario : i == 1 ? connections : "", l[0], l[1], l[2], l[3]);
    }
    for (ScenarioResult r : new ScenarioResult[] {orderflow, reference}) {
      if (r != null) {
        r.checks().forEach(c -> out.printf("%-13s %s %s: %s%n", "", mark(c), r.contender(), c));
        r.notes().forEach(n -> out.printf("%-13s · %s: %s%n", "", r.contender(), n));
        r.flags().forEach(f -> out.printf("%-13s ! %s: %s%n", "", r.contender(), f));
      }
    }
  }

  private static String[] line(String figure, String orderflow, String reference, String ratio) {
    return new String[] {figure, orderflow, reference, ratio};
  }

  private static Double figure(ScenarioResult r, Function<ScenarioResult, Double> figure) {
    return r == null || r.wasSkipped() ? null : figure.apply(r);
  }

  private static Double windowRate(ScenarioResult r, Scenarios.ColdWindow window) {
    return figure(r, s -> s.windowRates().get(window.name()));
  }

  /** How much of its later rate a contender reached in its first minute. */
  private static Double coldRatio(ScenarioResult r) {
    Double first = windowRate(r, Scenarios.FIRST_MINUTE);
    Double later = windowRate(r, Scenarios.SIXTH_MINUTE);
    return first == null || later == null || later == 0 ? null : first / later;
  }

  /** orderflow ÷ reference, blank when either is missing. */
  private static String ratio(Double orderflow, Double reference) {
    return orderflow == null || reference == null || reference == 0
        ? ""
        : String.format(Locale.ROOT, "%.2f", orderflow / reference);
  }

  static void write(Document document, Path file) throws IOException {
    Files.createDirectories(file.getParent());
    new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(file.toFile(), document);
  }

  /** A figure with a precision that suits its size; "-" for none. */
  static String number(Double value) {
    if (value == null || value.isNaN()) {
      return "-";
    }
    double v = value;
    return String.format(
        Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : v >= 1 ? "%.2f" : "%.3f", v);
  }

  private static Map<String, Map<String, ScenarioResult>> byScenario(List<ScenarioResult> results) {
    Map<String, Map<String, ScenarioResult>> rows = new LinkedHashMap<>();
    Set<String> order = new LinkedHashSet<>();
    results.stream()
        .filter(r -> r.contender().equals(ORDERFLOW))
        .forEach(r -> order.add(r.scenario()));
    results.forEach(r -> order.add(r.scenario()));
    order.forEach(scenario -> rows.put(scenario, new LinkedHashMap<>()));
    results.forEach(r -> rows.get(r.scenario()).put(r.contender(), r));
    return rows;
  }

  private static String connections(ScenarioResult a, ScenarioResult b) {
    ScenarioResult r = a != null ? a : b;
    return r == null || r.connections() == 0 ? "" : "  " + r.connections() + " conn.";
  }

  private static String rate(ScenarioResult r) {
    if (r == null) {
      return "-";
    }
    if (r.wasSkipped()) {
      return "skipped";
    }
    return number(r.decidedPerSecond()) + (r.flags().isEmpty() ? "" : " !");
  }

  private static String percentiles(ScenarioResult r) {
    return r == null || r.wasSkipped()
        ? "-"
        : number(r.p50Ms()) + " / " + number(r.p95Ms()) + " / " + number(r.p99Ms());
  }

  private static String answers(ScenarioResult r) {
    if (r == null || r.wasSkipped()) {
      return "-";
    }
    Map<String, Long> a = r.answers();
    String main =
        List.of("200", "202", "400", "4xx", "5xx", "timeout", "error").stream()
            .map(k -> String.valueOf(a.getOrDefault(k, 0L)))
            .collect(Collectors.joining("/"));
    return a.containsKey("other") ? main + " +" + a.get("other") + " other" : main;
  }

  private static String mark(String check) {
    return check.contains("FAILED") ? "✗" : "✓";
  }

  private static String processLine(ScenarioResult r, List<String> columns) {
    StringBuilder line =
        new StringBuilder(String.format("%-13s %-10s", r.scenario(), r.contender()));
    for (String process : columns) {
      Double cpu = r.cpuMsPerOrder().get(process);
      Double memory = r.maxMemoryMb().get(process);
      line.append(
          String.format(
              " %12s",
              cpu == null && memory == null
                  ? "-"
                  : number(cpu)
                      + "/"
                      + (memory == null ? "-" : String.format(Locale.ROOT, "%.0f", memory))));
    }
    line.append(
        String.format(
            Locale.ROOT,
            " %7s %5.0f%% %7s",
            number(r.cpuMsPerOrder().get(ScenarioResult.TOTAL)),
            r.machineBusyPercent(),
            r.quietAfterSeconds() == null ? "-" : number(r.quietAfterSeconds()) + " s"));
    return line.toString();
  }

  private Report() {}
}
