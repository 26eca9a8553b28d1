package io.orderflow.system.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/** The median of several runs, figure by figure, for each scenario and contender. */
final class Medians {

  static List<ScenarioResult> of(List<List<ScenarioResult>> runs) {
    if (runs.size() == 1) {
      return runs.get(0);
    }
    Map<String, List<ScenarioResult>> byKey = new LinkedHashMap<>();
    for (List<ScenarioResult> run : runs) {
      for (ScenarioResult r : run) {
        byKey.computeIfAbsent(r.scenario() + "|" + r.contender(), k -> new ArrayList<>()).add(r);
      }
    }
    return byKey.values().stream().map(Medians::median).toList();
  }

  private static ScenarioResult median(List<ScenarioResult> all) {
    List<ScenarioResult> ran = all.stream().filter(r -> !r.wasSkipped()).toList();
    if (ran.isEmpty()) {
      return all.get(0);
    }
    ScenarioResult first = ran.get(0);
    List<Stages> stages =
        ran.stream().map(ScenarioResult::stages).filter(Objects::nonNull).toList();
    return new ScenarioResult(
        first.scenario(),
        first.contender(),
        first.connections(),
        median(ran, ScenarioResult::offeredPerSecond),
        median(ran, r -> r.seconds()),
        median(ran, r -> r.decidedPerSecond()),
        median(ran, ScenarioResult::visiblePerSecond),
        medianDoubles(ran.stream().map(ScenarioResult::windowRates).toList()),
        medianLongs(ran.stream().map(ScenarioResult::answers).toList()),
        median(ran, ScenarioResult::p50Ms),
        median(ran, ScenarioResult::p95Ms),
        median(ran, ScenarioResult::p99Ms),
        stages.isEmpty()
            ? null
            : new Stages(
                Math.round(median(stages, s -> (double) s.orders())),
                Math.round(median(stages, s -> (double) s.notVisible())),
                median(stages, Stages::placedToDecidedP50Ms),
                median(stages, Stages::placedToDecidedP99Ms),
                median(stages, Stages::decidedToVisibleP50Ms),
                median(stages, Stages::decidedToVisibleP99Ms)),
        medianDoubles(ran.stream().map(ScenarioResult::cpuMsPerOrder).toList()),
        medianDoubles(ran.stream().map(ScenarioResult::maxMemoryMb).toList()),
        median(ran, r -> r.machineBusyPercent()),
        median(ran, ScenarioResult::quietAfterSeconds),
        perRun(all, ScenarioResult::checks),
        perRun(all, ScenarioResult::notes),
        perRun(all, ScenarioResult::flags));
  }

  /** Lines every run has as they are; others prefixed with their run's number. */
  private static List<String> perRun(
      List<ScenarioResult> runs, Function<ScenarioResult, List<String>> lines) {
    Set<String> merged = new LinkedHashSet<>();
    for (int i = 0; i < runs.size(); i++) {
      for (String line : lines.apply(runs.get(i))) {
        boolean inAll = runs.stream().allMatch(r -> lines.apply(r).contains(line));
        merged.add(inAll ? line : "run " + (i + 1) + ": " + line);
      }
    }
    return List.copyOf(merged);
  }

  private static <T> Double median(List<T> items, Function<T, Double> figure) {
    double[] values =
        items.stream()
            .map(figure)
            .filter(Objects::nonNull)
            .mapToDouble(Double::doubleValue)
            .toArray();
    if (values.length == 0) {
      return null;
    }
    Arrays.sort(values);
    int middle = values.length / 2;
    return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
  }

  private static Map<String, Double> medianDoubles(List<Map<String, Double>> maps) {
    Map<String, Double> medians = new TreeMap<>();
    maps.stream()
        .flatMap(m -> m.keySet().stream())
        .distinct()
        .forEach(key -> medians.put(key, median(maps, m -> m.get(key))));
    return medians;
  }

  private static Map<String, Long> medianLongs(List<Map<String, Long>> maps) {
    Map<String, Long> medians = new LinkedHashMap<>();
    maps.stream()
        .flatMap(m -> m.keySet().stream())
        .distinct()
        .forEach(
            key ->
                medians.put(
                    key,
                    Math.round(median(maps, m -> m.containsKey(key) ? (double) m.get(key) : 0.0))));
    return medians;
  }

  private Medians() {}
}
