package io.orderflow.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.stream.Collectors;

/**
 * The whole system on this machine without Docker (deploy/local/run): durable infrastructure with
 * its data in {@code .local}, the services, demo products; then {@link Supervisor} keeps every
 * process running. Ctrl-C stops it all.
 */
public final class LocalStack {
  private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final Path root = RepoPaths.repoRoot();
  private final Path dataDir = RepoPaths.localData();
  private final Deque<AutoCloseable> running = new ConcurrentLinkedDeque<>();

  public static void main(String[] args) throws Exception {
    new LocalStack().run();
  }

  private void run() throws Exception {
    long begin = System.nanoTime();
    Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "local-stack-stop"));
    Files.deleteIfExists(dataDir.resolve(StackStatus.FILE));

    Infrastructure infrastructure =
        Infrastructure.forLocalStack(
            dataDir,
            new Infrastructure.Ports(
                port("KAFKA_PORT", 9092),
                port("KAFKA_CONTROLLER_PORT", 9093),
                port("POSTGRES_PORT", 15432),
                port("REDIS_PORT", 16379)));
    running.push(infrastructure);

    DemoAccounts accounts = DemoAccounts.in(dataDir);
    // The partitions of a killed service stay with its dead consumer until its session expires;
    // at the client's 45 s default its restarted process would wait that long for them.
    Map<String, String> config = Map.of("kafka.session.timeout.ms", "10000");
    ServiceProcess worker =
        launch(
            infrastructure,
            "inventory-worker",
            port("INVENTORY_WORKER_PORT", 8081),
            port("INVENTORY_WORKER_MANAGEMENT_PORT", 9081),
            config);
    ServiceProcess notifier =
        launch(
            infrastructure,
            "notification-consumer",
            port("NOTIFICATION_CONSUMER_PORT", 8082),
            port("NOTIFICATION_CONSUMER_MANAGEMENT_PORT", 9082),
            config);
    Map<String, String> apiConfig = new HashMap<>(config);
    apiConfig.put("orderflow.auth.admin.email", accounts.adminEmail());
    apiConfig.put("orderflow.auth.admin.password", accounts.adminPassword());
    ServiceProcess api =
        launch(
            infrastructure,
            "order-api",
            port("ORDER_API_PORT", 8080),
            port("ORDER_API_MANAGEMENT_PORT", 9080),
            apiConfig);
    List<ServiceProcess> services = List.of(worker, notifier, api);
    for (ServiceProcess service : services) {
      service.waitUntilReady(ServiceProcess.READY_TIMEOUT);
    }

    DemoData demo = new DemoData(api.baseUrl());
    demo.registerCustomer(accounts);
    demo.loadProductsIfEmpty(
        demo.login(accounts.adminEmail(), accounts.adminPassword()),
        root.resolve("deploy/local/demo-products.json"));

    printUsage(
        infrastructure,
        Duration.ofNanos(System.nanoTime() - begin),
        accounts,
        List.of(api, worker, notifier));
    supervise(infrastructure, services);
  }

  /** Returns only when Ctrl-C stops the stack; exits with 1 when a process cannot be kept up. */
  private void supervise(Infrastructure infrastructure, List<ServiceProcess> services) {
    List<Supervised> processes = new ArrayList<>(infrastructure.servers());
    processes.addAll(services);
    Supervisor supervisor =
        new Supervisor(
            processes, RestartPolicy.DEFAULT, LocalStack::log, status -> status.write(dataDir));
    running.push(supervisor);
    supervisor
        .run()
        .ifPresent(
            reason -> {
              log(reason + " Stopping everything.");
              System.exit(1);
            });
  }

  /** The launcher's own lines, told apart from the usage text by their time and prefix. */
  private static void log(String line) {
    System.out.println(LocalTime.now().format(LOG_TIME) + " orderflow: " + line);
  }

  /**
   * Starts a service with the infrastructure's addresses, its own database role and Kafka user, and
   * {@code extra}.
   */
  private ServiceProcess launch(
      Infrastructure infrastructure,
      String module,
      int httpPort,
      int managementPort,
      Map<String, String> extra) {
    Map<String, String> config = new HashMap<>(infrastructure.serviceConfig(module));
    config.putAll(extra);
    ServiceProcess service = new ServiceProcess(module, module, httpPort, managementPort, config);
    running.push(service);
    return service.start();
  }

  /** Services first, then the infrastructure they use: the reverse of the start order. */
  private void stopAll() {
    for (AutoCloseable next = running.poll(); next != null; next = running.poll()) {
      try {
        next.close();
      } catch (Exception e) {
        System.err.println("Failed to stop " + next + ": " + e);
      }
    }
  }

  private void printUsage(
      Infrastructure infrastructure,
      Duration startup,
      DemoAccounts accounts,
      List<ServiceProcess> services)
      throws Exception {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "%norderflow is up in %s (infrastructure: %s)%n%n",
            seconds(startup), startTimes(infrastructure)));
    for (ServiceProcess service : services) {
      out.append(
          String.format(
              "  %-17s %s   health, metrics: %s/q   log: %s%n",
              service.name(),
              service.baseUrl(),
              service.managementUrl(),
              root.relativize(service.logFile())));
    }
    Infrastructure.Database database = infrastructure.database();
    out.append(
            String.format(
                "  %-17s %s (SCRAM-SHA-512: a user per service; super user %s, password in"
                    + " kafka-%s-password in the data directory)%n",
                "Kafka", infrastructure.bootstrapServers(), KafkaUsers.ADMIN, KafkaUsers.ADMIN))
        .append(
            String.format(
                "  %-17s %s (superuser %s; each service its own role; passwords in the data"
                    + " directory)%n",
                "PostgreSQL", database.jdbcUrl(), database.username()))
        .append(
            String.format(
                "  %-17s %s (password in redis-password in the data directory)%n",
                "Redis", infrastructure.redisHosts()))
        .append(
            String.format(
                "  %-17s %s (delete it to start afresh)%n%n",
                "Data", dataDir.startsWith(root) ? root.relativize(dataDir) : dataDir));
    String usage = Files.readString(root.resolve("deploy/local/usage.txt"));
    out.append(
            String.format(
                "Demo accounts (kept in demo-credentials.properties in the data directory):%n"
                    + "  admin     %s  password %s%n  customer  %s  password %s%n%n",
                accounts.adminEmail(),
                accounts.adminPassword(),
                accounts.customerEmail(),
                accounts.customerPassword()))
        .append(
            usage
                .replace("${API}", services.get(0).baseUrl())
                .replace("${API_MANAGEMENT}", services.get(0).managementUrl())
                .replace("${CUSTOMER_EMAIL}", accounts.customerEmail())
                .replace("${CUSTOMER_PASSWORD}", accounts.customerPassword()))
        .append(
            String.format(
                "%nA process that dies is started again; deploy/local/run status shows each"
                    + " process, its pid, uptime and restarts.%nCtrl-C stops everything.%n"));
    System.out.print(out);
  }

  private static String startTimes(Infrastructure infrastructure) {
    Map<String, Duration> times = new TreeMap<>(infrastructure.startTimes());
    return times.isEmpty()
        ? "all given by the environment"
        : times.entrySet().stream()
            .map(time -> time.getKey() + " " + seconds(time.getValue()))
            .collect(Collectors.joining(", "));
  }

  private static String seconds(Duration duration) {
    return String.format("%.1f s", duration.toMillis() / 1000.0);
  }

  private static int port(String variable, int defaultPort) {
    String value = System.getenv(variable);
    if (value == null || value.isBlank()) {
      return defaultPort;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(variable + " is not a port number: " + value, e);
    }
  }
}
