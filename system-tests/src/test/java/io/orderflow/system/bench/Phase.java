package io.orderflow.system.bench;

import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Measures one phase of HTTP load on a contender: waits until the pipeline has finished earlier
 * work, runs the load, waits until the pipeline has finished this phase's work too, then reads from
 * the database which of the window's orders were decided and where their time went. A phase costs
 * what its processes used from the window's start until they were quiet again: work a pipeline
 * leaves for later (deciding an order answered 202, projecting, notifying) is charged to the orders
 * that brought it. Its consumers commit at most every 5 s ({@link ConsumerLag}), so quiet is seen
 * up to 5 s after the last work, and that idle time (a few hundredths of a core) is charged too.
 */
final class Phase {
  private final ProcessStats stats;
  private final ConsumerLag lag;
  private final LoadGenerator generator;
  private final BenchSettings settings;

  Phase(ProcessStats stats, ConsumerLag lag, LoadGenerator generator, BenchSettings settings) {
    this.stats = stats;
    this.lag = lag;
    this.generator = generator;
    this.settings = settings;
  }

  /**
   * What a phase measured.
   *
   * @param from the window's start; requests were sent until {@code from} + {@code
   *     answers.seconds()}
   * @param decided of the orders placed in the window, those the database shows decided
   * @param overCap of them, rejected for a per-customer cap; null where there are no caps
   * @param cpuSeconds used from the window's start until the pipeline was quiet, per process and
   *     {@link ProcessStats#MACHINE}
   * @param cpuWindowSeconds how long that was
   */
  record Outcome(
      Instant from,
      AnswerLog log,
      AnswerLog.Answers answers,
      long decided,
      Long overCap,
      Map<String, Double> cpuSeconds,
      double cpuWindowSeconds,
      Map<String, Double> maxMemoryMb,
      Optional<Stages> stages,
      List<String> flags) {

    double decidedPerSecond() {
      return decided / answers.seconds();
    }

    ScenarioResult result(
        String scenario,
        Contender contender,
        int connections,
        Double offeredPerSecond,
        List<String> checks,
        List<String> notes) {
      return result(scenario, contender, connections, offeredPerSecond, Map.of(), checks, notes);
    }

    /**
     * @param windowRates decided orders/s in parts of the window (cold start)
     */
    ScenarioResult result(
        String scenario,
        Contender contender,
        int connections,
        Double offeredPerSecond,
        Map<String, Double> windowRates,
        List<String> checks,
        List<String> notes) {
      List<String> allChecks = new ArrayList<>(checks);
      if (overCap != null) {
        allChecks.add(capCheck(overCap, decided));
      }
      return new ScenarioResult(
          scenario,
          contender.name(),
          connections,
          offeredPerSecond,
          answers.seconds(),
          decidedPerSecond(),
          null,
          windowRates,
          answers.answers(),
          answers.p50Ms(),
          answers.p95Ms(),
          answers.p99Ms(),
          stages.orElse(null),
          ScenarioResult.cpuPerOrder(cpuSeconds, contender.processes(), decided),
          maxMemoryMb,
          ScenarioResult.busyPercent(cpuSeconds, cpuWindowSeconds),
          cpuWindowSeconds - answers.seconds(),
          allChecks,
          notes,
          flags);
    }
  }

  /**
   * Whether the per-customer caps (ADR 019) turned orders away: then the figures hold cheap
   * rejections instead of reservations, and the benchmark needs more customers ({@code
   * bench.users}).
   */
  static String capCheck(long overCap, long decided) {
    return Scenarios.verdict(
        overCap == 0,
        String.format(
            Locale.ROOT,
            "orders rejected for a per-customer cap: %d of %d decided",
            overCap,
            decided));
  }

  Outcome closedLoop(Contender contender, OrderMix mix, int connections, Duration window)
      throws Exception {
    return measure(contender, targets -> generator.closedLoop(targets, mix, connections, window));
  }

  Outcome openLoop(
      Contender contender, OrderMix mix, double perSecond, int connections, Duration window)
      throws Exception {
    return measure(
        contender, targets -> generator.openLoop(targets, mix, perSecond, connections, window));
  }

  /**
   * Orders placed in [{@code from}, {@code to}) after the window's start that the contender's
   * database shows decided, with its 400 answers where a rejection leaves no row.
   */
  static long decided(Contender contender, Outcome outcome, Duration from, Duration to)
      throws SQLException, InterruptedException {
    return decisions(contender, outcome.from(), outcome.log(), from, to).decided();
  }

  private static Contender.Decisions decisions(
      Contender contender, Instant start, AnswerLog log, Duration from, Duration to)
      throws SQLException, InterruptedException {
    Contender.Decisions stored = contender.decisions(start.plus(from), start.plus(to));
    return stored.rejectionsStored()
        ? stored
        : new Contender.Decisions(
            stored.decided() + log.count(Answer.STOCK, from, to), stored.overCap(), true);
  }

  private interface Load {
    LoadGenerator.Run start(List<URI> targets);
  }

  private Outcome measure(Contender contender, Load load) throws Exception {
    List<String> flags = new ArrayList<>();
    lag.awaitQuiet(settings.quietLimit())
        .ifPresent(
            left ->
                flags.add(
                    "started with the pipeline still busy (lag "
                        + left
                        + " after "
                        + settings.quietLimit().toSeconds()
                        + " s)"));
    stats.resetMemory();
    ProcessStats.Cpu before = stats.cpu();
    Instant from = Instant.now();
    LoadGenerator.Run run = load.start(contender.targets());
    AnswerLog log = run.awaitAnswers();
    lag.awaitQuiet(settings.quietLimit())
        .ifPresent(
            left ->
                flags.add(
                    "not quiet "
                        + settings.quietLimit().toSeconds()
                        + " s after the load (lag "
                        + left
                        + "): CPU counted until then"));
    ProcessStats.Cpu after = stats.cpu();
    Map<String, Double> memory = stats.maxMemoryMb();
    AnswerLog.Answers answers = log.summary();
    if (answers.unanswered() > 0) {
      flags.add(
          "cut short: "
              + answers.unanswered()
              + " requests still unanswered "
              + (settings.requestTimeout().toSeconds() + 5)
              + " s after the window (counted as timeouts)");
    }
    Map<String, Double> used = after.since(before);
    double cpuWindow = (after.nanoTime() - before.nanoTime()) / 1e9;
    flags.addAll(ScenarioResult.neighbourFlags(used, cpuWindow));
    Duration window = Duration.ofNanos(Math.round(answers.seconds() * 1e9));
    Contender.Decisions decisions = decisions(contender, from, log, Duration.ZERO, window);
    return new Outcome(
        from,
        log,
        answers,
        decisions.decided(),
        decisions.overCap(),
        used,
        cpuWindow,
        memory,
        contender.stages(from, from.plus(window)),
        flags);
  }
}
