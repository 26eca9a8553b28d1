package io.orderflow.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Kafka, PostgreSQL and Redis for the services, plus their JWT keys. Starts only what is not
 * already given by the environment: {@code KAFKA_BOOTSTRAP_SERVERS}, {@code
 * QUARKUS_DATASOURCE_JDBC_URL} (with {@code QUARKUS_DATASOURCE_USERNAME} and {@code
 * QUARKUS_DATASOURCE_PASSWORD}) and {@code QUARKUS_REDIS_HOSTS} (with {@code
 * QUARKUS_REDIS_PASSWORD}). A broker it starts authenticates every client ({@link KafkaUsers}); a
 * given one is logged in to as {@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_MECHANISM} and
 * {@code KAFKA_SASL_JAAS_CONFIG} say, by the stack and by every service alike.
 */
public final class Infrastructure implements AutoCloseable {
  private static final int PARTITIONS = 3;
  private static final String REDIS_PASSWORD = "quarkus.redis.password";
  private static final String KAFKA_PREFIX = "kafka.";
  private static final String BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";

  /** Where the stack listens. */
  public record Ports(int kafka, int kafkaController, int postgres, int redis) {

    /** Ports free right now, held open together so that no two are the same. */
    public static Ports free() {
      List<ServerSocket> sockets = new ArrayList<>();
      try {
        for (int i = 0; i < 4; i++) {
          sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
        }
        return new Ports(
            sockets.get(0).getLocalPort(),
            sockets.get(1).getLocalPort(),
            sockets.get(2).getLocalPort(),
            sockets.get(3).getLocalPort());
      } catch (IOException e) {
        throw new UncheckedIOException("No free ports", e);
      } finally {
        sockets.forEach(Infrastructure::closeQuietly);
      }
    }
  }

  /** How to reach the database. */
  public record Database(String jdbcUrl, String username, String password) {}

  private final Path dir;
  private final boolean temporary;
  private final List<AutoCloseable> started = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Duration> startTimes = Collections.synchronizedMap(new TreeMap<>());
  private DevKeys keys;
  private KafkaBroker broker;
  private PostgresServer postgres;
  private RedisServer redis;
  private String bootstrapServers;
  private Optional<KafkaUsers> kafkaUsers = Optional.empty();
  // how the stack's own clients log in: the super user's kafka.* keys, none for a given broker
  private Map<String, String> kafkaLogin = Map.of();
  private Database database;
  private String redisHosts;
  private Optional<String> redisPassword = Optional.empty();

  private Infrastructure(Path dir, boolean temporary) {
    this.dir = dir.toAbsolutePath();
    this.temporary = temporary;
  }

  /** On free ports, in a temporary directory deleted on close; fast rather than durable. */
  public static Infrastructure forTests() {
    try {
      return start(
          new Infrastructure(Files.createTempDirectory("orderflow-infrastructure-"), true),
          Ports.free(),
          false);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a temporary directory", e);
    }
  }

  /**
   * On free ports, in a temporary directory deleted on close, with PostgreSQL durable (fsync and
   * synchronous commit on) as in production: for measuring, where the tests' shortcut would
   * flatter.
   */
  public static Infrastructure forBenchmarks() {
    try {
      return start(
          new Infrastructure(Files.createTempDirectory("orderflow-benchmark-"), true),
          Ports.free(),
          true);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a temporary directory", e);
    }
  }

  /** On fixed ports with durable data under {@code dataDir}, reused by the next start. */
  public static Infrastructure forLocalStack(Path dataDir, Ports ports) {
    return start(new Infrastructure(dataDir, false), ports, true);
  }

  /**
   * Addresses of an infrastructure started elsewhere in this JVM, from its {@link
   * #quarkusConfig()}; closing it stops nothing.
   */
  static Infrastructure attachedTo(Map<String, String> quarkusConfig) {
    Path publicKey = Path.of(quarkusConfig.get("mp.jwt.verify.publickey.location"));
    // its keys are in <directory>/keys, its roles' passwords in <directory>/postgres-roles
    Infrastructure infrastructure = new Infrastructure(publicKey.getParent().getParent(), false);
    infrastructure.keys =
        new DevKeys(Path.of(quarkusConfig.get("smallrye.jwt.sign.key.location")), publicKey);
    infrastructure.bootstrapServers = quarkusConfig.get(BOOTSTRAP_SERVERS);
    infrastructure.kafkaLogin = new TreeMap<>(quarkusConfig);
    infrastructure.kafkaLogin.keySet().removeIf(key -> !isKafkaLogin(key));
    infrastructure.database =
        new Database(
            quarkusConfig.get("quarkus.datasource.jdbc.url"),
            quarkusConfig.get("quarkus.datasource.username"),
            quarkusConfig.get("quarkus.datasource.password"));
    infrastructure.redisHosts = quarkusConfig.get("quarkus.redis.hosts");
    infrastructure.redisPassword = Optional.ofNullable(quarkusConfig.get(REDIS_PASSWORD));
    return infrastructure;
  }

  /**
   * The configuration a {@code @QuarkusTest} of the service built in {@code module} runs with:
   * {@link #quarkusConfig()} with the service's own database role instead of the superuser (ADR
   * 028), and Kafka still as the super user, since those tests also play the other services (ADR
   * 027).
   */
  public Map<String, String> quarkusConfig(String module) {
    ServiceRole role = ServiceRole.of(module);
    Map<String, String> config = new LinkedHashMap<>(quarkusConfig());
    config.put("quarkus.datasource.username", role.name());
    config.put("quarkus.datasource.password", rolePassword(role));
    return Collections.unmodifiableMap(config);
  }

  /** The addresses and key locations in the services' configuration keys, as the super users. */
  public Map<String, String> quarkusConfig() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put(BOOTSTRAP_SERVERS, bootstrapServers);
    config.putAll(kafkaLogin);
    config.put("quarkus.datasource.jdbc.url", database.jdbcUrl());
    config.put("quarkus.datasource.username", database.username());
    config.put("quarkus.datasource.password", database.password());
    config.put("quarkus.redis.hosts", redisHosts);
    redisPassword.ifPresent(password -> config.put(REDIS_PASSWORD, password));
    config.put("mp.jwt.verify.publickey.location", keys.publicKey().toString());
    config.put("smallrye.jwt.sign.key.location", keys.privateKey().toString());
    return Collections.unmodifiableMap(config);
  }

  /**
   * {@link #quarkusConfig(String)} for the packaged service of {@code module}: Kafka as its own
   * user, with only the rights its ACLs give it.
   */
  public Map<String, String> serviceConfig(String module) {
    Map<String, String> config = new LinkedHashMap<>(quarkusConfig(module));
    kafkaUsers.ifPresent(users -> config.putAll(users.of(ServiceUser.of(module)).quarkusConfig()));
    return Collections.unmodifiableMap(config);
  }

  /**
   * A Kafka client's configuration as the super user, for the stack's and the tests' own clients
   * (topics, audits, probes): the bootstrap servers and how to log in.
   */
  public Map<String, Object> kafkaClientConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    kafkaLogin.forEach((key, value) -> config.put(key.substring(KAFKA_PREFIX.length()), value));
    return config;
  }

  /** The users of the broker this started; empty when Kafka was given. */
  public Optional<KafkaUsers> kafkaUsers() {
    return kafkaUsers;
  }

  /** The broker this started, for stopping or killing it; empty when Kafka was given. */
  public Optional<KafkaBroker> kafkaBroker() {
    return Optional.ofNullable(broker);
  }

  /** The PostgreSQL this started, for killing and restarting it; empty when it was given. */
  public Optional<PostgresServer> postgresServer() {
    return Optional.ofNullable(postgres);
  }

  /** The Redis this started, for killing and restarting it; empty when it was given. */
  public Optional<RedisServer> redisServer() {
    return Optional.ofNullable(redis);
  }

  /**
   * The servers this started, in start order, for the local stack's supervisor; a durable stack
   * remembers the process id of each restart for {@link LeftoverServers}.
   */
  List<Supervised> servers() {
    LeftoverServers leftovers = new LeftoverServers(dir);
    return Stream.<Supervised>of(redis, postgres, broker)
        .filter(Objects::nonNull)
        .map(server -> temporary ? server : leftovers.remembering(server))
        .toList();
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public Database database() {
    return database;
  }

  public String redisHosts() {
    return redisHosts;
  }

  /** Empty only for a Redis given by the environment without {@code QUARKUS_REDIS_PASSWORD}. */
  public Optional<String> redisPassword() {
    return redisPassword;
  }

  public DevKeys keys() {
    return keys;
  }

  /** A new connection to the orderflow database as its superuser; the caller closes it. */
  public Connection jdbc() throws SQLException {
    return connect(database.username(), database.password());
  }

  /** A new connection as a service's role, to see what it may do; the caller closes it. */
  public Connection jdbc(ServiceRole role) throws SQLException {
    return connect(role.name(), rolePassword(role));
  }

  private Connection connect(String user, String password) throws SQLException {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(database.jdbcUrl());
    dataSource.setUser(user);
    dataSource.setPassword(password);
    return dataSource.getConnection();
  }

  /**
   * The process id of each server this started and that runs now ({@code kafka}, {@code postgres},
   * {@code redis}), for watching its CPU and memory; servers given by the environment are not
   * listed.
   */
  public Map<String, Long> processIds() {
    Map<String, Long> pids = new TreeMap<>();
    if (broker != null) {
      broker.pid().ifPresent(pid -> pids.put("kafka", pid));
    }
    if (postgres != null) {
      pids.put("postgres", postgres.pid());
    }
    if (redis != null) {
      pids.put("redis", redis.pid());
    }
    return pids;
  }

  /** How long each server this started took to become ready. */
  public Map<String, Duration> startTimes() {
    synchronized (startTimes) {
      return Map.copyOf(startTimes);
    }
  }

  /** Stops what this started, and deletes the temporary directory of {@link #forTests()}. */
  @Override
  public void close() {
    List<AutoCloseable> running;
    synchronized (started) {
      running = new ArrayList<>(started);
      started.clear();
    }
    Collections.reverse(running);
    running.forEach(Infrastructure::closeQuietly);
    if (temporary) {
      deleteRecursively(dir);
    } else if (!running.isEmpty()) {
      new LeftoverServers(dir).forgetAll();
    }
  }

  private static Infrastructure start(Infrastructure infrastructure, Ports ports, boolean durable) {
    try {
      infrastructure.startAll(ports, durable);
      return infrastructure;
    } catch (RuntimeException e) {
      infrastructure.close();
      throw e;
    }
  }

  /**
   * One after the other, on purpose: Redis and PostgreSQL extract their binaries before running
   * them, and a process forked meanwhile by another thread inherits the open file and makes the
   * exec fail with "Text file busy". Sequential costs about a second and a half.
   */
  private void startAll(Ports ports, boolean durable) {
    keys = DevKeys.in(dir.resolve("keys"));
    LeftoverServers leftovers = new LeftoverServers(dir);
    if (!temporary) {
      leftovers.stopAll();
    }
    startRedis(ports);
    startPostgres(ports, durable);
    startKafka(ports);
    if (!temporary) {
      processIds().forEach(leftovers::remember);
    }
  }

  private void startKafka(Ports ports) {
    Optional<String> given = env("KAFKA_BOOTSTRAP_SERVERS");
    if (given.isPresent()) {
      bootstrapServers = given.get();
      Map<String, String> login = new TreeMap<>();
      for (String key : List.of("security.protocol", "sasl.mechanism", "sasl.jaas.config")) {
        env(ServiceProcess.environmentName(KAFKA_PREFIX + key))
            .ifPresent(value -> login.put(KAFKA_PREFIX + key, value));
      }
      kafkaLogin = login;
      try (Admin admin = Admin.create(kafkaClientConfig())) {
        KafkaTopics.createAll(admin, PARTITIONS);
      }
      return;
    }
    // random per test run; the local stack keeps its own in .local, as the broker keeps its users
    KafkaUsers users = temporary ? KafkaUsers.random() : KafkaUsers.keptIn(dir);
    kafkaUsers = Optional.of(users);
    kafkaLogin = users.admin().quarkusConfig();
    KafkaBroker kafka =
        new KafkaBroker(
            dir.resolve("kafka"), ports.kafka(), ports.kafkaController(), PARTITIONS, users);
    started.add(kafka::stop);
    broker =
        timed(
            "kafka",
            () -> {
              kafka.start();
              return kafka;
            });
    bootstrapServers = kafka.bootstrapServers();
  }

  private void startPostgres(Ports ports, boolean durable) {
    Optional<String> given = env("QUARKUS_DATASOURCE_JDBC_URL");
    if (given.isPresent()) {
      database =
          new Database(
              given.get(),
              env("QUARKUS_DATASOURCE_USERNAME").orElse("postgres"),
              env("QUARKUS_DATASOURCE_PASSWORD").orElse("postgres"));
    } else {
      // in our directory (deleted on close when temporary), so that it survives a kill and restart
      Path dataDir = dir.resolve("postgres");
      String password = Secrets.keptIn(dir.resolve("postgres-password"));
      postgres =
          timed(
              "postgres", () -> PostgresServer.start(ports.postgres(), dataDir, durable, password));
      started.add(postgres);
      database = new Database(postgres.jdbcUrl(), postgres.username(), postgres.password());
    }
    Map<ServiceRole, String> passwords = new LinkedHashMap<>();
    ServiceRole.ALL.forEach(role -> passwords.put(role, rolePassword(role)));
    try (Connection superuser = jdbc()) {
      DatabaseRoles.provision(superuser, passwords);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create the services' database roles", e);
    }
  }

  /**
   * Random per test run (the temporary directory's), kept in the local stack's data directory;
   * given to the role at every start, so a lost file costs nothing.
   */
  private String rolePassword(ServiceRole role) {
    return Secrets.keptIn(dir.resolve("postgres-roles").resolve(role.name()));
  }

  private void startRedis(Ports ports) {
    Optional<String> given = env("QUARKUS_REDIS_HOSTS");
    if (given.isPresent()) {
      redisHosts = given.get();
      redisPassword = env("QUARKUS_REDIS_PASSWORD");
      return;
    }
    // random per test run; the local stack keeps its own in .local, beside the demo passwords
    String password = temporary ? Secrets.random() : Secrets.keptIn(dir.resolve("redis-password"));
    // the local stack keeps sessions and revocations across a restart, as the cluster does
    Optional<Path> appendOnlyDir = temporary ? Optional.empty() : Optional.of(dir.resolve("redis"));
    redis =
        timed(
            "redis",
            () ->
                RedisServer.start(
                    ports.redis(), password, dir.resolve("redis.log"), appendOnlyDir));
    started.add(redis);
    redisHosts = redis.url();
    redisPassword = Optional.of(password);
  }

  private <T> T timed(String name, Supplier<T> start) {
    long begin = System.nanoTime();
    T result = start.get();
    startTimes.put(name, Duration.ofNanos(System.nanoTime() - begin));
    return result;
  }

  private static boolean isKafkaLogin(String key) {
    return key.startsWith(KAFKA_PREFIX) && !key.equals(BOOTSTRAP_SERVERS);
  }

  private static Optional<String> env(String name) {
    return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
  }

  private static void deleteRecursively(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // Leftovers in the temporary directory do no harm.
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      System.err.println("Failed to stop " + closeable + ": " + e);
    }
  }
}
