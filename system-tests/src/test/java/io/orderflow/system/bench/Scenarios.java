package io.orderflow.system.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The HTTP scenarios of one contender in one run, in order: warm-up, uniform, uniform with
 * idempotency keys, hot, sell-out, bursts, then latency at fixed shares of the best rate it
 * reached; and once per contender before all runs, the cold start.
 */
final class Scenarios {
  static final int SELL_OUT_PRODUCTS = 10;
  static final int SELL_OUT_UNITS = 500;
  static final String COLD_START = "cold start";

  /** A minute of the cold start: [from, to) seconds after its first order. */
  record ColdWindow(String name, int from, int to) {}

  static final ColdWindow FIRST_MINUTE = new ColdWindow("first 60 s", 0, 60);
  static final ColdWindow SIXTH_MINUTE = new ColdWindow("at 300 s", 300, 360);
  static final List<ColdWindow> COLD_WINDOWS =
      List.of(
          FIRST_MINUTE,
          new ColdWindow("at 60 s", 60, 120),
          new ColdWindow("at 120 s", 120, 180),
          SIXTH_MINUTE);

  private final BenchSettings settings;
  private final Phase phase;
  private final Instant deadline;

  /** Products that last the whole benchmark: 1000 for uniform load and 1 hot one. */
  record Catalog(OrderMix uniform, OrderMix hot) {}

  Scenarios(BenchSettings settings, Phase phase, Instant deadline) {
    this.settings = settings;
    this.phase = phase;
    this.deadline = deadline;
  }

  /**
   * The uniform closed loop on JVMs that have served no orders yet, for {@code bench.cold.seconds}:
   * how fast the contender decides in its first minutes, against later ones.
   */
  static ScenarioResult coldStart(
      Phase phase, BenchSettings settings, Contender contender, Catalog catalog) throws Exception {
    int connections = settings.connections();
    Phase.Outcome outcome =
        phase.closedLoop(contender, catalog.uniform(), connections, settings.coldPhase());
    Map<String, Double> rates = new LinkedHashMap<>();
    for (ColdWindow window : COLD_WINDOWS) {
      if (window.to() <= outcome.answers().seconds()) {
        long decided =
            Phase.decided(
                contender,
                outcome,
                Duration.ofSeconds(window.from()),
                Duration.ofSeconds(window.to()));
        rates.put(window.name(), decided / (double) (window.to() - window.from()));
      }
    }
    ScenarioResult result =
        report(
            outcome.result(COLD_START, contender, connections, null, rates, List.of(), List.of()));
    rates.forEach(
        (window, rate) ->
            System.out.printf(Locale.ROOT, "  %-10s %-14s %8.0f decided/s%n", "", window, rate));
    return result;
  }

  /**
   * @param warmup uniform load before the scenarios, not measured
   */
  List<ScenarioResult> run(Contender contender, Catalog catalog, String tag, Duration warmup)
      throws Exception {
    List<ScenarioResult> results = new ArrayList<>();
    int connections = settings.connections();
    if (!warmup.isZero()) {
      Phase.Outcome warm = phase.closedLoop(contender, catalog.uniform(), connections, warmup);
      System.out.printf(
          "  %-10s %-14s %8.0f decided/s (not counted)%n",
          contender.name(), "warm-up", warm.decidedPerSecond());
    }
    if (settings.scenarios().contains("uniform")) {
      results.add(closed(contender, "uniform", catalog.uniform(), connections));
    }
    if (settings.scenarios().contains("uniform-keyed")) {
      results.add(
          closed(contender, "uniform-keyed", catalog.uniform().withIdempotencyKeys(), connections));
    }
    if (settings.scenarios().contains("hot")) {
      results.add(closed(contender, "hot", catalog.hot(), connections));
    }
    if (settings.scenarios().contains("sell-out")) {
      results.add(sellOut(contender, tag));
    }
    if (settings.scenarios().contains("burst")) {
      for (int burst : settings.bursts()) {
        results.add(closed(contender, "burst " + burst, catalog.uniform(), burst));
      }
    }
    if (settings.scenarios().contains("latency")) {
      double best =
          results.stream()
              .filter(r -> r.scenario().equals("uniform") || r.scenario().startsWith("burst"))
              .mapToDouble(ScenarioResult::decidedPerSecond)
              .max()
              .orElse(0);
      for (int percent : settings.latencyLoads()) {
        results.add(latency(contender, catalog.uniform(), percent, best));
      }
    }
    return results;
  }

  private ScenarioResult closed(Contender contender, String scenario, OrderMix mix, int connections)
      throws Exception {
    if (overBudget()) {
      return skipped(scenario, contender);
    }
    return report(
        phase
            .closedLoop(contender, mix, connections, settings.phase())
            .result(scenario, contender, connections, null, List.of(), List.of()));
  }

  private ScenarioResult latency(Contender contender, OrderMix mix, int percent, double best)
      throws Exception {
    String scenario = "latency " + percent + "%";
    if (overBudget()) {
      return skipped(scenario, contender);
    }
    double rate = Math.max(1, best * percent / 100);
    return report(
        phase
            .openLoop(contender, mix, rate, settings.latencyConnections(), settings.latencyPhase())
            .result(
                scenario,
                contender,
                settings.latencyConnections(),
                rate,
                List.of(),
                List.of(
                    String.format(
                        Locale.ROOT,
                        "open loop at %.0f orders/s (%d%% of %.0f/s)",
                        rate,
                        percent,
                        best))));
  }

  /**
   * 10 products of 500 units ordered at random until the window ends, then the stock is counted:
   * sold + left = initial, nothing negative, and every unit sold was answered 200 pending (or 202
   * and decided later).
   */
  private ScenarioResult sellOut(Contender contender, String tag) throws Exception {
    if (overBudget()) {
      return skipped("sell-out", contender);
    }
    List<Long> products =
        contender.createProducts("bench-sell-out-" + tag, SELL_OUT_PRODUCTS, SELL_OUT_UNITS);
    int connections = settings.connections();
    Phase.Outcome outcome =
        phase.closedLoop(contender, OrderMix.of(products), connections, settings.sellOutPhase());
    Contender.StockCount stock = contender.stock(products);
    long initial = (long) SELL_OUT_PRODUCTS * SELL_OUT_UNITS;
    long pending = outcome.log().count(Answer.PENDING);
    long accepted = outcome.log().count(Answer.ACCEPTED);
    List<String> checks = new ArrayList<>();
    checks.add(
        verdict(
            stock.sold() + stock.left() == initial && stock.onHand() == initial,
            String.format(
                "sold %d + left %d = %d of %d",
                stock.sold(), stock.left(), stock.sold() + stock.left(), initial)));
    checks.add(verdict(stock.negative() == 0, "products with negative stock: " + stock.negative()));
    if (stock.unbalanced() != null) {
      checks.add(
          verdict(
              stock.unbalanced() == 0,
              "products whose reserved units differ from their pending orders: "
                  + stock.unbalanced()));
    }
    checks.add(answersMatch(pending, accepted, stock.sold()));
    OptionalDouble soldOut = outcome.log().secondsUntil(Answer.PENDING, initial);
    String note =
        soldOut.isPresent()
            ? String.format(Locale.ROOT, "sold out after %.1f s", soldOut.getAsDouble())
            : String.format(
                Locale.ROOT,
                "not sold out within %.0f s (%d of %d units)",
                outcome.answers().seconds(),
                stock.sold(),
                initial);
    return report(outcome.result("sell-out", contender, connections, null, checks, List.of(note)));
  }

  private static String answersMatch(long pending, long accepted, long sold) {
    if (pending == sold) {
      return verdict(true, "200 pending answers " + pending + " = units sold");
    }
    return verdict(
        pending < sold && sold <= pending + accepted,
        "200 pending answers "
            + pending
            + " + decided after a 202: "
            + (sold - pending)
            + " (of "
            + accepted
            + ") = units sold "
            + sold);
  }

  static String verdict(boolean ok, String what) {
    return what + (ok ? ": ok" : ": FAILED");
  }

  private boolean overBudget() {
    return Instant.now().isAfter(deadline);
  }

  private ScenarioResult skipped(String scenario, Contender contender) {
    return report(
        ScenarioResult.skipped(
            scenario,
            contender.name(),
            "skipped: the time budget (bench.max-minutes="
                + settings.budget().toMinutes()
                + ") is used up"));
  }

  /** Prints one line as soon as a scenario is measured. */
  static ScenarioResult report(ScenarioResult r) {
    System.out.printf(
        Locale.ROOT,
        "  %-10s %-14s %8.0f decided/s  p50/p99 %s/%s ms  %s  CPU %.2f ms/order%s%n",
        r.contender(),
        r.scenario(),
        r.decidedPerSecond(),
        Report.number(r.p50Ms()),
        Report.number(r.p99Ms()),
        r.answers(),
        r.cpuMsPerOrder().getOrDefault(ScenarioResult.TOTAL, Double.NaN),
        r.flags().isEmpty() ? "" : "  [" + String.join("; ", r.flags()) + "]");
    return r;
  }
}
