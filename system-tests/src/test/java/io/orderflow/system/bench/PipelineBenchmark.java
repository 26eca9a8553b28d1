package io.orderflow.system.bench;

import io.orderflow.stack.RepoPaths;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * orderflow against the one-transaction-per-order reference, in one sitting on one machine: the
 * same durable PostgreSQL, Redis, tokens and load generator for both. Started by {@code bench/run};
 * not a test. Settings: {@link BenchSettings}.
 *
 * <p>First the cold start of each contender (the reference's, then orderflow's, each on JVMs that
 * have served no orders yet; the other one idles meanwhile). Then per run: the reference's
 * scenarios, then orderflow's, then orderflow's backlog. Products (1000 for uniform load, 1 hot)
 * are created once per contender; sell-out products per run. The end of the report holds the
 * targets orderflow is held to ({@link Target}).
 */
public final class PipelineBenchmark {
  private static final int UNIFORM_PRODUCTS = 1000;
  private static final int PLENTY = 1_000_000;

  public static void main(String[] args) throws Exception {
    BenchSettings settings = BenchSettings.fromSystemProperties();
    Path root = RepoPaths.repoRoot();
    SourceState source = SourceState.read(root);
    Instant started = Instant.now();
    String machine =
        Runtime.getRuntime().availableProcessors()
            + " cores, Java "
            + System.getProperty("java.version");
    System.out.printf(
        "orderflow benchmark: %s; %s%n  scenarios %s, contenders %s, %d run(s)%n",
        machine, source.describe(), settings.scenarios(), settings.contenders(), settings.runs());

    List<List<ScenarioResult>> runs = new ArrayList<>();
    try (BenchStack stack = BenchStack.start(settings.orderApis());
        ProcessStats stats = new ProcessStats(stack::processIds);
        ConsumerLag lag = new ConsumerLag(stack.infrastructure.kafkaClientConfig());
        LoadGenerator generator =
            new LoadGenerator(customerTokens(stack, settings), settings.requestTimeout())) {
      System.out.printf(
          "stack ready and tokens minted after %.0f s: %s%n",
          Duration.between(started, Instant.now()).toMillis() / 1000.0, stack.processIds());
      Phase phase = new Phase(stats, lag, generator, settings);
      Backlog backlog = new Backlog(stack, stats, lag, settings);
      List<Contender> contenders = new ArrayList<>();
      if (settings.contenders().contains("reference")) {
        contenders.add(new Reference(stack));
      }
      if (settings.contenders().contains("orderflow")) {
        contenders.add(
            new Orderflow(
                stack, lag, settings.quietLimit(), stack.adminToken(settings.tokenLifetime())));
      }
      Map<String, List<Long>> uniformProducts = new HashMap<>();
      Map<String, Scenarios.Catalog> catalogs = new HashMap<>();
      for (Contender contender : contenders) {
        long begin = System.nanoTime();
        List<Long> uniform =
            contender.createProducts("bench-uniform-" + tag(), UNIFORM_PRODUCTS, PLENTY);
        List<Long> hot = contender.createProducts("bench-hot-" + tag(), 1, PLENTY);
        uniformProducts.put(contender.name(), uniform);
        catalogs.put(
            contender.name(), new Scenarios.Catalog(OrderMix.of(uniform), OrderMix.of(hot)));
        System.out.printf(
            "%s: %d products created in %.1f s%n",
            contender.name(), UNIFORM_PRODUCTS + 1, (System.nanoTime() - begin) / 1e9);
      }
      List<ScenarioResult> coldStarts = new ArrayList<>();
      if (!settings.coldPhase().isZero()) {
        System.out.println("-- cold start --");
        for (Contender contender : contenders) {
          coldStarts.add(
              Scenarios.coldStart(phase, settings, contender, catalogs.get(contender.name())));
        }
      }
      Instant deadline = Instant.now().plus(settings.budget());
      Scenarios scenarios = new Scenarios(settings, phase, deadline);
      for (int run = 1; run <= settings.runs(); run++) {
        System.out.printf("-- run %d of %d --%n", run, settings.runs());
        List<ScenarioResult> results = new ArrayList<>(run == 1 ? coldStarts : List.of());
        for (Contender contender : contenders) {
          results.addAll(
              scenarios.run(
                  contender, catalogs.get(contender.name()), tag(), settings.warmup(run)));
          if (contender instanceof Orderflow && settings.scenarios().contains("backlog")) {
            results.add(
                Instant.now().isAfter(deadline)
                    ? Scenarios.report(
                        ScenarioResult.skipped(
                            "backlog", contender.name(), "skipped: the time budget is used up"))
                    : backlog.run(
                        contender,
                        uniformProducts.get(contender.name()),
                        referenceUniform(results)));
          }
        }
        runs.add(results);
      }
    }
    List<ScenarioResult> medians = Medians.of(runs);
    Report.Document document =
        new Report.Document(
            started,
            Duration.between(started, Instant.now()).toSeconds() / 60.0,
            machine,
            source,
            settings,
            medians,
            Target.judge(medians),
            runs);
    Report.print(document, System.out);
    Path file =
        root.resolve(settings.resultsDir())
            .resolve(
                DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                        .withZone(ZoneOffset.UTC)
                        .format(started)
                    + ".json");
    Report.write(document, file);
    System.out.println("figures written to " + root.relativize(file));
  }

  /** One token per customer; signing 20,000 takes a while, so the time is shown. */
  private static List<String> customerTokens(BenchStack stack, BenchSettings settings) {
    long begin = System.nanoTime();
    List<String> tokens = stack.customerTokens(settings.users(), settings.tokenLifetime());
    System.out.printf(
        "%d customer tokens minted in %.1f s%n", tokens.size(), (System.nanoTime() - begin) / 1e9);
    return tokens;
  }

  private static Double referenceUniform(List<ScenarioResult> results) {
    return results.stream()
        .filter(r -> r.contender().equals("reference") && r.scenario().equals("uniform"))
        .filter(r -> !r.wasSkipped())
        .map(ScenarioResult::decidedPerSecond)
        .findFirst()
        .orElse(null);
  }

  private static String tag() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private PipelineBenchmark() {}
}
