package io.orderflow.system.bench;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Measures one phase of HTTP load on a contender: waits until the pipeline has finished the
 * previous phase's work, takes CPU readings at the window's edges, runs the load, then reads the
 * stages of the window's orders.
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
   * @param cpuSeconds used during the window, per process and {@link ProcessStats#MACHINE}
   */
  record Outcome(
      AnswerLog log,
      AnswerLog.Answers answers,
      Map<String, Double> cpuSeconds,
      Map<String, Double> maxMemoryMb,
      Optional<Stages> stages,
      List<String> flags) {

    ScenarioResult result(
        String scenario,
        Contender contender,
        int connections,
        Double offeredPerSecond,
        List<String> checks,
        List<String> notes) {
      long decided = Math.round(answers.decidedPerSecond() * answers.seconds());
      return new ScenarioResult(
          scenario,
          contender.name(),
          connections,
          offeredPerSecond,
          answers.seconds(),
          answers.decidedPerSecond(),
          null,
          answers.answers(),
          answers.p50Ms(),
          answers.p95Ms(),
          answers.p99Ms(),
          stages.orElse(null),
          ScenarioResult.cpuPerOrder(cpuSeconds, contender.processes(), decided),
          maxMemoryMb,
          ScenarioResult.busyPercent(cpuSeconds, answers.seconds()),
          checks,
          notes,
          flags);
    }
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
    run.awaitWindow();
    ProcessStats.Cpu after = stats.cpu();
    Instant to = Instant.now();
    AnswerLog log = run.awaitAnswers();
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
    flags.addAll(ScenarioResult.neighbourFlags(after.since(before), answers.seconds()));
    return new Outcome(
        log, answers, after.since(before), memory, contender.stages(from, to), flags);
  }
}
