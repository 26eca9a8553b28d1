package io.orderflow.system.bench;

import io.orderflow.stack.DevTokens;
import io.orderflow.stack.Infrastructure;
import io.orderflow.stack.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Throughput of placing orders through the whole stack, next to what the same machine does with raw
 * Kafka and raw PostgreSQL in the same run. Started by {@code bench/run}; not a test.
 *
 * <p>Settings (system properties): {@code bench.orders} (2000) measured per client count, {@code
 * bench.clients} ("8,32"), {@code bench.warmup} (500), {@code bench.max-seconds} (140: every phase
 * stops when the run has used this much time).
 */
public final class PipelineBenchmark {
  private static final int RECORD_BYTES = 300;
  private static final int USERS = 64;
  private static final String SCRATCH_TOPIC = "bench.roundtrip";

  private final int orders = Integer.getInteger("bench.orders", 2000);
  private final int warmup = Integer.getInteger("bench.warmup", 500);
  private final int[] clients =
      Arrays.stream(System.getProperty("bench.clients", "8,32").split(","))
          .mapToInt(c -> Integer.parseInt(c.trim()))
          .toArray();
  private final Instant started = Instant.now();
  private final Instant deadline =
      started.plusSeconds(Integer.getInteger("bench.max-seconds", 140));
  private final Map<String, Result> results = new LinkedHashMap<>();
  private final Map<Integer, String> stages = new TreeMap<>();

  /** One measured phase. */
  record Result(int clients, int ops, Duration elapsed, long[] latenciesNanos, String note) {
    double perSecond() {
      return ops / (elapsed.toNanos() / 1e9);
    }

    double percentileMillis(double p) {
      if (latenciesNanos.length == 0) {
        return Double.NaN;
      }
      long[] sorted = latenciesNanos.clone();
      Arrays.sort(sorted);
      int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    Result withNote(String text) {
      return new Result(
          clients, ops, elapsed, latenciesNanos, note.isEmpty() ? text : note + "; " + text);
    }

    String row(String what) {
      return String.format(
          "  %-44s %7d %6d %9.0f %8.2f %8.2f %8.2f  %s",
          what,
          clients,
          ops,
          perSecond(),
          percentileMillis(50),
          percentileMillis(95),
          percentileMillis(99),
          note);
    }
  }

  public static void main(String[] args) throws Exception {
    new PipelineBenchmark().run();
  }

  private void run() throws Exception {
    System.out.printf(
        "orderflow benchmark: %d cores, Java %s, %d orders per client count %s, warm-up %d%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        orders,
        Arrays.toString(clients),
        warmup);
    try (Infrastructure infrastructure = Infrastructure.forTests()) {
      System.out.println("infrastructure started: " + infrastructure.startTimes());
      List<ServiceProcess> services = startServices(infrastructure);
      try {
        measureKafka(infrastructure);
        measurePostgres(infrastructure);
        measureOrders(infrastructure, services.subList(1, services.size()));
      } finally {
        for (int i = services.size() - 1; i >= 0; i--) {
          services.get(i).stop();
        }
      }
    }
    report();
  }

  private List<ServiceProcess> startServices(Infrastructure infrastructure) {
    Map<String, String> config = new HashMap<>(infrastructure.quarkusConfig());
    config.put("quarkus.http.host", "127.0.0.1");
    List<ServiceProcess> services =
        List.of(
            new ServiceProcess("inventory-worker-bench", "inventory-worker", freePort(), config),
            new ServiceProcess("order-api-bench-a", "order-api", freePort(), config),
            new ServiceProcess("order-api-bench-b", "order-api", freePort(), config));
    long begin = System.nanoTime();
    services.forEach(ServiceProcess::start);
    for (ServiceProcess service : services) {
      service.waitUntilReady(Duration.ofSeconds(90));
    }
    System.out.printf(
        "services ready in %.1f s: %s%n", (System.nanoTime() - begin) / 1e9, services);
    return services;
  }

  // ---- (a) baseline: Kafka produce (acks=all) + consume round trip ----

  private void measureKafka(Infrastructure infrastructure) throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(SCRATCH_TOPIC, 3, (short) 1))).all().get();
    }
    Map<String, Object> producerProps = new HashMap<>();
    producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.bootstrapServers());
    // as order-api publishes its commands
    producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
    producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    Map<String, Object> consumerProps = new HashMap<>();
    consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.bootstrapServers());
    consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-roundtrip");

    Map<Long, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
    AtomicLong sequence = new AtomicLong();
    try (KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());
        KafkaConsumer<String, byte[]> consumer =
            new KafkaConsumer<>(
                consumerProps, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          List.of(0, 1, 2).stream().map(p -> new TopicPartition(SCRATCH_TOPIC, p)).toList();
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);
      ExecutorService polling = Executors.newSingleThreadExecutor();
      Future<?> poller =
          polling.submit(
              () -> {
                while (!Thread.currentThread().isInterrupted()) {
                  for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    CompletableFuture<Void> waiter =
                        inFlight.remove(ByteBuffer.wrap(r.value()).getLong());
                    if (waiter != null) {
                      waiter.complete(null);
                    }
                  }
                }
              });
      try {
        Operation roundTrip =
            () -> {
              long id = sequence.incrementAndGet();
              CompletableFuture<Void> consumed = new CompletableFuture<>();
              inFlight.put(id, consumed);
              byte[] value = new byte[RECORD_BYTES];
              ByteBuffer.wrap(value).putLong(id);
              producer.send(new ProducerRecord<>(SCRATCH_TOPIC, Long.toString(id), value)).get();
              consumed.get(30, TimeUnit.SECONDS);
              return true;
            };
        closedLoop("kafka warm-up", clients[0], Math.max(warmup, 1000), roundTrip);
        for (int c : clients) {
          results.put(
              "kafka " + c,
              closedLoop("kafka round trip", c, orders, roundTrip)
                  .withNote("produce acks=all + consume, " + RECORD_BYTES + " B"));
        }
      } finally {
        poller.cancel(true);
        polling.shutdownNow();
        polling.awaitTermination(10, TimeUnit.SECONDS);
      }
    }
  }

  // ---- (a) baseline: PostgreSQL single-row insert + commit ----

  private void measurePostgres(Infrastructure infrastructure) throws Exception {
    try (Connection c = infrastructure.jdbc();
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS bench");
      s.execute(
          "CREATE TABLE IF NOT EXISTS bench.scratch (id bigint GENERATED ALWAYS AS IDENTITY"
              + " PRIMARY KEY, user_id bigint NOT NULL, payload text NOT NULL,"
              + " at timestamptz NOT NULL DEFAULT now())");
    }
    String payload = "x".repeat(RECORD_BYTES);
    int most = Arrays.stream(clients).max().orElse(1);
    List<Connection> connections = new ArrayList<>();
    try {
      for (int i = 0; i < most; i++) {
        Connection c = infrastructure.jdbc();
        c.setAutoCommit(false);
        connections.add(c);
      }
      Map<Long, Connection> byThread = new ConcurrentHashMap<>();
      AtomicInteger assigned = new AtomicInteger();
      Operation insert =
          () -> {
            Connection c =
                byThread.computeIfAbsent(
                    Thread.currentThread().getId(),
                    t -> connections.get(assigned.getAndIncrement() % connections.size()));
            try (PreparedStatement s =
                c.prepareStatement("INSERT INTO bench.scratch (user_id, payload) VALUES (?, ?)")) {
              s.setLong(1, 7);
              s.setString(2, payload);
              s.executeUpdate();
            }
            c.commit();
            return true;
          };
      closedLoop("postgres warm-up", clients[0], warmup, insert);
      for (int c : clients) {
        byThread.clear();
        assigned.set(0);
        results.put(
            "postgres " + c,
            closedLoop("postgres insert", c, orders, insert)
                .withNote("1 row per transaction, fsync off (test settings)"));
      }
    } finally {
      for (Connection c : connections) {
        c.close();
      }
    }
  }

  // ---- (b) orders through POST /api/v1/orders/ ----

  private void measureOrders(Infrastructure infrastructure, List<ServiceProcess> apis)
      throws Exception {
    long product = plentifulProduct(infrastructure);
    Path key = Path.of(infrastructure.quarkusConfig().get("smallrye.jwt.sign.key.location"));
    List<String> tokens = new ArrayList<>();
    for (int user = 1; user <= USERS; user++) {
      tokens.add(DevTokens.mint(key, 100_000 + user, "customer", Duration.ofHours(1)));
    }
    String body =
        "{\"shipping_address_line1\":\"1 Main St\",\"shipping_city\":\"Springfield\","
            + "\"shipping_state\":\"IL\",\"shipping_postal_code\":\"62701\","
            + "\"shipping_country\":\"US\",\"order_items\":[{\"product_id\":"
            + product
            + ",\"quantity\":1}]}";
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    AtomicLong counter = new AtomicLong();
    Operation place =
        () -> {
          long n = counter.getAndIncrement();
          HttpRequest request =
              HttpRequest.newBuilder(
                      URI.create(apis.get((int) (n % apis.size())).baseUrl() + "/api/v1/orders/"))
                  .timeout(Duration.ofSeconds(30))
                  .header("Content-Type", "application/json")
                  .header("Authorization", "Bearer " + tokens.get((int) (n % tokens.size())))
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build();
          int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
          statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
          return status == 200;
        };
    closedLoop("orders warm-up", clients[0], warmup, place);
    for (int c : clients) {
      statuses.clear();
      Instant from = Instant.now();
      Result result = closedLoop("orders", c, orders, place);
      stages.put(c, stageLatencies(infrastructure, from, Instant.now()));
      results.put(
          "orders " + c,
          result.withNote(
              "answers "
                  + new TreeMap<>(
                      statuses.entrySet().stream()
                          .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get())))));
    }
  }

  /**
   * Where an order's time goes, from the rows it left: order-api's placed_at to the worker's
   * decided_at (publish, consume, decide, commit), then to the read model's updated_at (publish the
   * event, project it). The rest of a POST is the id, the received row and the wake-up.
   */
  private static String stageLatencies(Infrastructure infrastructure, Instant from, Instant to)
      throws SQLException {
    try (Connection c = infrastructure.jdbc();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY d.ms),"
                    + " percentile_cont(0.99) WITHIN GROUP (ORDER BY d.ms),"
                    + " percentile_cont(0.5) WITHIN GROUP (ORDER BY p.ms),"
                    + " percentile_cont(0.99) WITHIN GROUP (ORDER BY p.ms)"
                    + " FROM inventory.orders o JOIN sales.orders s ON s.order_id = o.id,"
                    + " LATERAL (SELECT extract(epoch FROM o.decided_at - o.placed_at) * 1000"
                    + " AS ms) d,"
                    + " LATERAL (SELECT extract(epoch FROM s.updated_at - o.decided_at) * 1000"
                    + " AS ms) p"
                    + " WHERE o.placed_at BETWEEN ? AND ?")) {
      select.setTimestamp(1, java.sql.Timestamp.from(from));
      select.setTimestamp(2, java.sql.Timestamp.from(to));
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        return String.format(
            "placed->decided p50 %.1f / p99 %.1f ms; decided->read model p50 %.1f / p99 %.1f ms",
            rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4));
      }
    }
  }

  private static long plentifulProduct(Infrastructure infrastructure) throws SQLException {
    try (Connection c = infrastructure.jdbc();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO inventory.products (name, price, on_hand) VALUES ('Bench', 1.00,"
                    + " 1000000000) RETURNING id");
        ResultSet rs = insert.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  // ---- measuring ----

  @FunctionalInterface
  interface Operation {
    /** Returns whether the operation succeeded; only successes count as done. */
    boolean call() throws Exception;
  }

  /**
   * {@code concurrency} threads each run the operation back to back until {@code count} were
   * started or the run's deadline passed; latency of each successful operation is recorded.
   */
  private Result closedLoop(String what, int concurrency, int count, Operation operation)
      throws InterruptedException {
    if (Instant.now().isAfter(deadline)) {
      System.out.printf("%-20s skipped: the run's time budget is used up%n", what);
      return new Result(concurrency, 0, Duration.ofNanos(1), new long[0], "skipped");
    }
    long[] latencies = new long[count];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger succeeded = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(concurrency);
    long begin = System.nanoTime();
    for (int t = 0; t < concurrency; t++) {
      threads.execute(
          () -> {
            int i;
            while ((i = next.getAndIncrement()) < count && Instant.now().isBefore(deadline)) {
              long start = System.nanoTime();
              boolean ok;
              try {
                ok = operation.call();
              } catch (Exception e) {
                ok = false;
                if (failed.get() == 0) {
                  System.out.println(what + ": first failure: " + e);
                }
              }
              if (ok) {
                latencies[i] = System.nanoTime() - start;
                succeeded.incrementAndGet();
              } else {
                latencies[i] = -1;
                failed.incrementAndGet();
              }
            }
          });
    }
    threads.shutdown();
    Duration budget = Duration.between(Instant.now(), deadline).plusSeconds(10);
    if (!threads.awaitTermination(budget.toMillis(), TimeUnit.MILLISECONDS)) {
      threads.shutdownNow();
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - begin);
    long[] ok = Arrays.stream(latencies).filter(l -> l > 0).toArray();
    Result result =
        new Result(
            concurrency,
            succeeded.get(),
            elapsed,
            ok,
            failed.get() == 0 ? "" : failed.get() + " failed");
    System.out.println(result.row(what));
    return result;
  }

  private void report() {
    System.out.println();
    System.out.printf(
        "== results (run took %.0f s) ==%n",
        Duration.between(started, Instant.now()).toMillis() / 1000.0);
    System.out.printf(
        "  %-44s %7s %6s %9s %8s %8s %8s%n",
        "", "clients", "ops", "ops/s", "p50 ms", "p95 ms", "p99 ms");
    System.out.println("(a) baseline, same machine, same run");
    for (int c : clients) {
      print("kafka " + c, "Kafka round trip (acks=all produce + consume)");
    }
    for (int c : clients) {
      print("postgres " + c, "PostgreSQL INSERT + COMMIT (1 row)");
    }
    System.out.println("(b) POST /api/v1/orders/ -> 200 pending (2 order-api, 1 worker)");
    for (int c : clients) {
      print("orders " + c, "orders placed");
    }
    stages.forEach((c, text) -> System.out.printf("    %2d clients, stages: %s%n", c, text));
    System.out.println("(c) orders/s as a share of the baseline at the same client count");
    for (int c : clients) {
      Result order = results.get("orders " + c);
      Result kafka = results.get("kafka " + c);
      Result postgres = results.get("postgres " + c);
      if (order == null || kafka == null || postgres == null) {
        continue;
      }
      System.out.printf(
          "  %2d clients: orders/kafka round trips = %.3f, orders/postgres commits = %.3f,"
              + " p50 latency orders/kafka = %.1fx%n",
          c,
          order.perSecond() / kafka.perSecond(),
          order.perSecond() / postgres.perSecond(),
          order.percentileMillis(50) / kafka.percentileMillis(50));
    }
  }

  private void print(String key, String what) {
    Result result = results.get(key);
    if (result != null) {
      System.out.println(result.row(what));
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
