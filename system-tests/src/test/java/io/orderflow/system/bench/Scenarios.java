package io.orderflow.system.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The HTTP scenarios of one contender in one run, in order: warm-up, uniform, hot, sell-out,
 * bursts, then latency at fixed shares of the best rate it reached.
 */
final class Scenarios {
  static final int SELL_OUT_PRODUCTS = 10;
  static final int SELL_OUT_UNITS = 500;

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

  List<ScenarioResult> run(Contender contender, Catalog catalog, String tag) throws Exception {
    List<ScenarioResult> results = new ArrayList<>();
    int connections = settings.connections();
    if (!settings.warmup().isZero()) {
      Phase.Outcome warm =
          phase.closedLoop(contender, catalog.uniform(), connections, settings.warmup());
      System.out.printf(
          "  %-10s %-14s %8.0f decided/s (not counted)%n",
          contender.name(), "warm-up", warm.answers().decidedPerSecond());
    }
    if (settings.scenarios().contains("uniform")) {
      results.add(closed(contender, "uniform", catalog.uniform(), connections));
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
