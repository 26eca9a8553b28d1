package io.orderflow.system.bench;

import io.orderflow.model.MessageJson;
import io.orderflow.model.OrderLine;
import io.orderflow.model.OrderPlaced;
import io.orderflow.model.ShippingAddress;
import io.orderflow.model.Topics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The pipeline's catch-up: with the worker stopped, N orders are put on {@code orders.commands} as
 * order-api would (ids from its sequence, {@code OrderPlaced} JSON keyed by order id); then the
 * worker starts, and the time until all are decided ({@code inventory.orders}) and shown in the
 * read model ({@code sales.orders}, version above 0) is measured. Rates run from the first
 * decision, the first transaction's orders not counted, so the worker's start-up is left out.
 */
final class Backlog {
  private static final Duration POLL = Duration.ofMillis(500);
  private static final ShippingAddress ADDRESS =
      new ShippingAddress("1 Main St", null, "Springfield", "IL", "62701", "US");

  private final BenchStack stack;
  private final ProcessStats stats;
  private final ConsumerLag lag;
  private final BenchSettings settings;

  Backlog(BenchStack stack, ProcessStats stats, ConsumerLag lag, BenchSettings settings) {
    this.stack = stack;
    this.stats = stats;
    this.lag = lag;
    this.settings = settings;
  }

  /** Counts of the backlog's orders, polled while the worker catches up. */
  private record Progress(long decided, long visible) {}

  /**
   * @param referenceUniform the reference's uniform rate in the same run, if measured
   */
  ScenarioResult run(Contender orderflow, List<Long> products, Double referenceUniform)
      throws Exception {
    int orders = settings.backlogOrders();
    List<String> flags = new ArrayList<>();
    lag.awaitQuiet(settings.quietLimit())
        .ifPresent(left -> flags.add("started with the pipeline still busy (lag " + left + ")"));
    stack.stopWorker();
    long[] ids = allocateIds(orders);
    long producing = System.nanoTime();
    Instant producedFrom = Instant.now();
    produce(ids, products);
    Instant producedTo = Instant.now();
    double producedIn = (System.nanoTime() - producing) / 1e9;

    stats.resetMemory();
    Instant launchedAt = Instant.now();
    long launched = System.nanoTime();
    stack.launchWorker();
    long deadline = launched + settings.backlogLimit().toNanos();
    Progress progress = progress(ids);
    while (progress.decided() == 0 && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(50);
      progress = progress(ids);
    }
    ProcessStats.Cpu before = stats.cpu();
    long decidedBefore = progress.decided();
    long windowStart = System.nanoTime();
    while (progress.visible() < orders && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
      progress = progress(ids);
    }
    ProcessStats.Cpu after = stats.cpu();
    double window = (System.nanoTime() - windowStart) / 1e9;
    double sinceLaunch = (System.nanoTime() - launched) / 1e9;
    Map<String, Double> memory = stats.maxMemoryMb();
    if (progress.visible() < orders) {
      flags.add(
          String.format(
              Locale.ROOT,
              "cut short after %.0f s: %d of %d decided, %d visible; the rest was skipped",
              sinceLaunch,
              progress.decided(),
              orders,
              progress.visible()));
      skipTheRest();
    } else {
      stack.worker.waitUntilReady(BenchStack.READY_WITHIN);
    }

    Span span = span(ids, launchedAt);
    Stages stages;
    try (Connection c = stack.jdbc()) {
      stages = Stages.of(c, ids);
    }
    Map<String, Double> used = after.since(before);
    flags.addAll(ScenarioResult.neighbourFlags(used, window));
    // the backlog's orders are the only ones placed while it was produced
    Contender.Decisions decisions = orderflow.decisions(producedFrom, producedTo.plusMillis(1));
    List<String> notes = new ArrayList<>();
    notes.add(
        String.format(
            Locale.ROOT,
            "%d orders produced in %.1f s; from the worker's launch: first decision after %s,"
                + " all decided after %s, all visible after %s",
            orders,
            producedIn,
            span.after(span.firstDecided()),
            span.decided() == orders ? span.after(span.lastDecided()) : "-",
            span.visible() == orders ? span.after(span.lastVisible()) : "-"));
    if (referenceUniform != null) {
      notes.add(
          String.format(
              Locale.ROOT,
              "reference uniform %.0f/s: decided %.2fx, visible %.2fx of it",
              referenceUniform,
              span.decidedPerSecond() / referenceUniform,
              span.visiblePerSecond() / referenceUniform));
    }
    return Scenarios.report(
        new ScenarioResult(
            "backlog",
            orderflow.name(),
            0,
            null,
            window,
            span.decidedPerSecond(),
            span.visiblePerSecond(),
            Map.of(),
            Map.of("decided", progress.decided(), "visible", progress.visible()),
            null,
            null,
            null,
            stages,
            ScenarioResult.cpuPerOrder(
                used, orderflow.processes(), progress.decided() - decidedBefore),
            memory,
            ScenarioResult.busyPercent(used, window),
            null,
            decisions.overCap() == null
                ? List.of()
                : List.of(Phase.capCheck(decisions.overCap(), decisions.decided())),
            notes,
            flags));
  }

  /** Ids as order-api allocates them: blocks of the sequence's increment. */
  private long[] allocateIds(int orders) throws SQLException {
    try (Connection c = stack.jdbc();
        Statement s = c.createStatement()) {
      long increment;
      try (ResultSet rs =
          s.executeQuery(
              "SELECT increment_by FROM pg_sequences"
                  + " WHERE schemaname = 'sales' AND sequencename = 'order_id_seq'")) {
        rs.next();
        increment = rs.getLong(1);
      }
      long[] ids = new long[orders];
      int filled = 0;
      try (ResultSet rs =
          s.executeQuery(
              "SELECT nextval('sales.order_id_seq') FROM generate_series(1, "
                  + (orders / increment + 1)
                  + ")")) {
        while (rs.next() && filled < orders) {
          long start = rs.getLong(1);
          for (long id = start; id < start + increment && filled < orders; id++) {
            ids[filled++] = id;
          }
        }
      }
      return ids;
    }
  }

  private void produce(long[] ids, List<Long> products) throws Exception {
    Map<String, Object> config = new HashMap<>(stack.infrastructure.kafkaClientConfig());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < ids.length; i++) {
        OrderPlaced order =
            new OrderPlaced(
                ids[i],
                BenchStack.FIRST_USER + i % settings.users(),
                Instant.now(),
                ADDRESS,
                List.of(new OrderLine(products.get(random.nextInt(products.size())), 1)));
        producer.send(
            new ProducerRecord<>(
                Topics.ORDERS_COMMANDS, String.valueOf(ids[i]), MessageJson.write(order)));
      }
      producer.flush();
    }
  }

  /** The worker stops; what it has not consumed of the backlog is skipped; it starts again. */
  private void skipTheRest() {
    stack.stopWorker();
    lag.groupReading(Topics.ORDERS_COMMANDS)
        .ifPresent(group -> lag.skipToEnd(group, Topics.ORDERS_COMMANDS));
    stack.launchWorker();
    stack.worker.waitUntilReady(BenchStack.READY_WITHIN);
  }

  private Progress progress(long[] ids) throws SQLException {
    long first = ids[0];
    long last = ids[ids.length - 1];
    try (Connection c = stack.jdbc();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT (SELECT count(*) FROM inventory.orders WHERE id BETWEEN ? AND ?),"
                    + " (SELECT count(*) FROM sales.orders"
                    + "   WHERE order_id BETWEEN ? AND ? AND version > 0)")) {
      select.setLong(1, first);
      select.setLong(2, last);
      select.setLong(3, first);
      select.setLong(4, last);
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        return new Progress(rs.getLong(1), rs.getLong(2));
      }
    }
  }

  /**
   * When the backlog's orders were decided and shown, from the database's timestamps.
   *
   * @param firstBatch orders decided at the very first decision time (the first transaction)
   */
  private record Span(
      Instant launched,
      Instant firstDecided,
      long firstBatch,
      Instant lastDecided,
      long decided,
      Instant lastVisible,
      long visible) {

    double decidedPerSecond() {
      return rate(decided, lastDecided);
    }

    double visiblePerSecond() {
      return rate(visible, lastVisible);
    }

    private double rate(long count, Instant last) {
      if (firstDecided == null || last == null || !last.isAfter(firstDecided)) {
        return 0;
      }
      return (count - firstBatch) / (Duration.between(firstDecided, last).toNanos() / 1e9);
    }

    /** Seconds from the worker's launch, "-" if it did not happen. */
    String after(Instant at) {
      return at == null
          ? "-"
          : String.format(Locale.ROOT, "%.1f s", Duration.between(launched, at).toNanos() / 1e9);
    }
  }

  private Span span(long[] ids, Instant launched) throws SQLException {
    try (Connection c = stack.jdbc();
        PreparedStatement select =
            c.prepareStatement(
                "WITH d AS (SELECT decided_at FROM inventory.orders WHERE id BETWEEN ? AND ?),"
                    + " v AS (SELECT updated_at FROM sales.orders"
                    + "   WHERE order_id BETWEEN ? AND ? AND version > 0)"
                    + " SELECT (SELECT min(decided_at) FROM d),"
                    + " (SELECT count(*) FROM d WHERE decided_at = (SELECT min(decided_at) FROM d)),"
                    + " (SELECT max(decided_at) FROM d), (SELECT count(*) FROM d),"
                    + " (SELECT max(updated_at) FROM v), (SELECT count(*) FROM v)")) {
      for (int i = 0; i < 2; i++) {
        select.setLong(2 * i + 1, ids[0]);
        select.setLong(2 * i + 2, ids[ids.length - 1]);
      }
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        return new Span(
            launched,
            instant(rs, 1),
            rs.getLong(2),
            instant(rs, 3),
            rs.getLong(4),
            instant(rs, 5),
            rs.getLong(6));
      }
    }
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
    return at == null ? null : at.toInstant();
  }
}
