package io.orderflow.system.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a run of {@code bench/run} measures and for how long; each field comes from a {@code
 * bench.*} system property (given in {@code BENCH_OPTS}).
 *
 * @param scenarios {@code bench.scenarios}: any of {@link #SCENARIOS}; latency needs a maximum
 *     rate, so it brings uniform along when neither uniform nor burst is chosen
 * @param contenders {@code bench.contenders}: orderflow, reference or both
 * @param runs {@code bench.runs}: the table shows the median of the runs
 * @param orderApis {@code bench.order-apis}: order-api instances, 1 (what {@code deploy/local/run}
 *     starts, the headline) or 2; a second one is not even started with 1, since it would take half
 *     of the projection's partitions
 * @param coldPhase {@code bench.cold.seconds}: uniform load on each contender's fresh JVMs before
 *     anything else, its decided rate reported per minute (cold start); 0 skips it
 * @param warmup {@code bench.warmup} seconds of uniform load per contender and run, not measured;
 *     in the first run the cold phase (uniform load too) counts towards it
 * @param phase {@code bench.seconds}: each measured closed-loop phase
 * @param sellOutPhase {@code bench.sell-out.seconds}: the sell-out phase (as long as the others
 *     unless given), whether or not everything is sold by then
 * @param connections {@code bench.connections}: of the cold start, warm-up, uniform, uniform-keyed,
 *     hot and sell-out
 * @param bursts {@code bench.burst}: connection counts of the burst phases
 * @param latencyLoads {@code bench.latency}: percentages of the contender's maximum rate
 * @param latencyPhase {@code bench.latency.seconds}: each open-loop phase
 * @param latencyConnections {@code bench.latency.connections}: the open loop's connection pool
 * @param backlogOrders {@code bench.backlog.orders}: orders put on Kafka while the worker is down
 * @param backlogLimit {@code bench.backlog.max-seconds}: time allowed to decide and show them
 * @param users {@code bench.users}: customers the orders are spread over (one token each, in turn
 *     across all phases); many, since the worker keeps its per-customer caps (ADR 019: 20 pending
 *     orders, 1000 pending units) and the benchmark confirms nothing
 * @param requestTimeout {@code bench.request-timeout} seconds: an answer later than this is a
 *     timeout
 * @param quietLimit {@code bench.quiet.max-seconds}: how long a phase waits for the pipeline to
 *     finish earlier work before its load, and its own work after it (its CPU is counted until
 *     then)
 * @param budget {@code bench.max-minutes}: counted from the end of the cold phases; phases due
 *     after this are skipped and flagged
 * @param resultsDir {@code bench.results}: where the JSON file goes
 */
record BenchSettings(
    Set<String> scenarios,
    Set<String> contenders,
    int runs,
    int orderApis,
    Duration coldPhase,
    Duration warmup,
    Duration phase,
    Duration sellOutPhase,
    int connections,
    List<Integer> bursts,
    List<Integer> latencyLoads,
    Duration latencyPhase,
    int latencyConnections,
    int backlogOrders,
    Duration backlogLimit,
    int users,
    Duration requestTimeout,
    Duration quietLimit,
    Duration budget,
    Path resultsDir) {

  static final List<String> SCENARIOS =
      List.of("uniform", "uniform-keyed", "hot", "sell-out", "burst", "latency", "backlog");
  static final List<String> CONTENDERS = List.of("reference", "orderflow");

  static BenchSettings fromSystemProperties() {
    Set<String> scenarios = names("bench.scenarios", SCENARIOS);
    if (scenarios.contains("latency")
        && !scenarios.contains("uniform")
        && !scenarios.contains("burst")) {
      scenarios.add("uniform");
    }
    int runs = Integer.getInteger("bench.runs", 1);
    int orderApis = Integer.getInteger("bench.order-apis", 1);
    if (orderApis != 1 && orderApis != 2) {
      throw new IllegalArgumentException("bench.order-apis: 1 or 2, not " + orderApis);
    }
    return new BenchSettings(
        scenarios,
        names("bench.contenders", CONTENDERS),
        runs,
        orderApis,
        seconds("bench.cold.seconds", 360),
        seconds("bench.warmup", 120),
        seconds("bench.seconds", 15),
        seconds("bench.sell-out.seconds", seconds("bench.seconds", 15).toMillis() / 1000.0),
        Integer.getInteger("bench.connections", 32),
        numbers("bench.burst", "256,1024"),
        numbers("bench.latency", "25,50,75"),
        seconds("bench.latency.seconds", 10),
        Integer.getInteger("bench.latency.connections", 256),
        Integer.getInteger("bench.backlog.orders", 20_000),
        seconds("bench.backlog.max-seconds", 90),
        Integer.getInteger("bench.users", 40_000),
        seconds("bench.request-timeout", 15),
        seconds("bench.quiet.max-seconds", 30),
        Duration.ofMinutes(Long.getLong("bench.max-minutes", 20L * runs)),
        Path.of(System.getProperty("bench.results", "bench/results")));
  }

  /**
   * The warm-up before a contender's scenarios in this run. The first run's is shortened by the
   * cold phase, which put uniform load on the same JVMs already.
   */
  Duration warmup(int run) {
    Duration left = run == 1 ? warmup.minus(coldPhase) : warmup;
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** How long the tokens must last: the cold phases, every run's budget and an hour to spare. */
  Duration tokenLifetime() {
    return coldPhase.multipliedBy(CONTENDERS.size()).plus(budget).plusHours(1);
  }

  /** The chosen names in their canonical order; an unknown name is an error. */
  private static Set<String> names(String property, List<String> known) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      return new LinkedHashSet<>(known);
    }
    Set<String> chosen = new LinkedHashSet<>();
    for (String name : value.split(",")) {
      if (!known.contains(name.trim())) {
        throw new IllegalArgumentException(property + ": unknown " + name + ", known: " + known);
      }
      chosen.add(name.trim());
    }
    Set<String> ordered = new LinkedHashSet<>(known);
    ordered.retainAll(chosen);
    return ordered;
  }

  private static List<Integer> numbers(String property, String defaults) {
    return Arrays.stream(System.getProperty(property, defaults).split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .map(Integer::valueOf)
        .toList();
  }

  private static Duration seconds(String property, double defaults) {
    return Duration.ofMillis(
        Math.round(
            Double.parseDouble(System.getProperty(property, String.valueOf(defaults))) * 1000));
  }
}
