package io.orderflow.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node KRaft broker in a child JVM, with the pipeline's topics. It can be stopped,
 * killed and started again on the same data directory, which keeps its topics, records and users.
 * Clients log in with SCRAM-SHA-512 ({@link KafkaUsers}) and may do only what an ACL allows them;
 * the super user {@code admin} is created when the storage is formatted (ADR 027).
 */
public final class KafkaBroker implements Supervised {
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

  private final Path dataDir;
  private final int port;
  private final int controllerPort;
  private final int partitions;
  private final KafkaUsers users;
  private Process process;
  private Process lastRun; // kept after it ended, for how it ended

  /**
   * @param dataDir holds the configuration, the logs and the Kafka storage
   * @param partitions of every topic the stack creates
   * @param users its super user and the services' users
   */
  public KafkaBroker(Path dataDir, int port, int controllerPort, int partitions, KafkaUsers users) {
    this.dataDir = dataDir.toAbsolutePath();
    this.port = port;
    this.controllerPort = controllerPort;
    this.partitions = partitions;
    this.users = users;
  }

  /** Starts the broker and returns once it serves requests and the topics exist. */
  public synchronized void start() {
    if (isRunning()) {
      throw new IllegalStateException("Kafka broker on port " + port + " is already running");
    }
    boolean formatted = Files.exists(storageDir().resolve("meta.properties"));
    if (formatted && !Files.exists(usersMarker())) {
      throw new IllegalStateException(
          "Kafka storage in "
              + storageDir()
              + " was formatted before the broker had users (ADR 027); its super user can only"
              + " be added when it is formatted. Delete "
              + dataDir
              + " and start again: the topics are created afresh, empty (PostgreSQL keeps the"
              + " orders, stock and accounts).");
    }
    writeConfiguration();
    if (!formatted) {
      formatStorage();
    }
    process =
        ChildProcesses.start(
            javaCommand("kafka.Kafka", serverProperties().toString()), dataDir, consoleLog());
    lastRun = process;
    try (Admin admin = awaitReady()) {
      KafkaTopics.createAll(admin, partitions);
      users.provision(admin);
    } catch (RuntimeException e) {
      kill();
      throw e;
    }
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** The broker's process id while it runs. */
  public synchronized OptionalLong pid() {
    return isRunning() ? OptionalLong.of(process.pid()) : OptionalLong.empty();
  }

  @Override
  public String name() {
    return "kafka";
  }

  @Override
  public boolean isServer() {
    return true;
  }

  @Override
  public OptionalLong runningPid() {
    return pid();
  }

  @Override
  public synchronized String exitDescription() {
    return ChildProcesses.howItEnded(lastRun);
  }

  /** Starts it again on the same data directory, which keeps its topics and records. */
  @Override
  public void restart() {
    start();
  }

  @Override
  public Optional<Path> log() {
    return Optional.of(logFile());
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Controlled shutdown (SIGTERM); forced if it takes longer than 10 seconds. */
  public synchronized void stop() {
    if (process != null) {
      ChildProcesses.stop(process.toHandle(), STOP_GRACE);
      process = null;
    }
  }

  /** kill -9, as in a crash; returns once the process is gone. */
  public synchronized void kill() {
    if (process != null) {
      ChildProcesses.kill(process.toHandle());
      process = null;
    }
  }

  /** The broker's own log (log4j), for diagnosing a test. */
  public Path logFile() {
    return dataDir.resolve("kafka.log");
  }

  /**
   * Formats the storage with the super user's SCRAM credential, which must exist before the broker
   * can authenticate anyone. The JVM reads its arguments from an owner-only argument file ({@code
   * java @file}), so that the password never shows on a command line.
   */
  private void formatStorage() {
    List<String> arguments =
        javaArguments(
            "kafka.tools.StorageTool",
            "format",
            "-t",
            Uuid.randomUuid().toString(),
            "-c",
            serverProperties().toString(),
            "--standalone",
            "--add-scram",
            KafkaCredential.MECHANISM
                + "=[name="
                + users.admin().username()
                + ",password="
                + users.admin().password()
                + "]");
    Path argumentFile = dataDir.resolve("format-arguments");
    Secrets.writeOwnerOnly(argumentFile, javaArgumentFile(arguments));
    try {
      Process format =
          ChildProcesses.start(
              ChildProcesses.java(List.of("@" + argumentFile)), dataDir, consoleLog());
      if (!ChildProcesses.awaitExit(format, STARTUP_TIMEOUT) || format.exitValue() != 0) {
        format.destroyForcibly();
        throw new IllegalStateException(
            "Formatting Kafka storage in " + storageDir() + " failed:\n" + diagnostics());
      }
      Files.writeString(usersMarker(), "formatted with the super user " + KafkaUsers.ADMIN + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot mark " + storageDir() + " as formatted", e);
    } finally {
      Secrets.delete(argumentFile);
    }
  }

  /** One quoted argument per line, as the java launcher reads an {@code @file}. */
  private static String javaArgumentFile(List<String> arguments) {
    StringBuilder file = new StringBuilder();
    for (String argument : arguments) {
      file.append('"').append(argument.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
    }
    return file.toString();
  }

  private Admin awaitReady() {
    Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
    while (!acceptsConnections()) {
      awaitProgress(deadline);
    }
    Map<String, Object> config = new HashMap<>(users.admin().clientConfig());
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    Admin admin = Admin.create(config);
    try {
      while (!describesCluster(admin)) {
        awaitProgress(deadline);
      }
      return admin;
    } catch (RuntimeException e) {
      admin.close();
      throw e;
    }
  }

  private void awaitProgress(Instant deadline) {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "Kafka broker exited with code " + process.exitValue() + ":\n" + diagnostics());
    }
    if (Instant.now().isAfter(deadline)) {
      throw new IllegalStateException(
          "Kafka broker not ready within " + STARTUP_TIMEOUT + ":\n" + diagnostics());
    }
    ChildProcesses.awaitExit(process, POLL_INTERVAL);
  }

  private boolean acceptsConnections() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean describesCluster(Admin admin) {
    try {
      return !admin
          .describeCluster(new DescribeClusterOptions().timeoutMs(5_000))
          .nodes()
          .get(10, TimeUnit.SECONDS)
          .isEmpty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
    } catch (Exception e) {
      return false;
    }
  }

  private List<String> javaCommand(String mainClass, String... arguments) {
    return ChildProcesses.java(javaArguments(mainClass, arguments));
  }

  private List<String> javaArguments(String mainClass, String... arguments) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "-Xmx512m",
                "-Dlog4j2.configurationFile=" + log4jConfig(),
                "-cp",
                RepoPaths.kafkaLib().resolve("*")
                    + File.pathSeparator
                    + ParentWatchdog.classPathEntry(),
                ParentWatchdog.class.getName(),
                mainClass));
    command.addAll(List.of(arguments));
    return command;
  }

  private void writeConfiguration() {
    KafkaCredential admin = users.admin();
    String listener = "127.0.0.1:" + port;
    String controller = "127.0.0.1:" + controllerPort;
    String server =
        String.join(
            "\n",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.bootstrap.servers=" + controller,
            "listeners=CLIENTS://" + listener + ",CONTROLLER://" + controller,
            "advertised.listeners=CLIENTS://" + listener,
            "controller.listener.names=CONTROLLER",
            "inter.broker.listener.name=CLIENTS",
            "listener.security.protocol.map=CLIENTS:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT",
            // clients and the broker itself log in with SCRAM, whose users live in the metadata
            "listener.name.clients.sasl.enabled.mechanisms=" + KafkaCredential.MECHANISM,
            "sasl.mechanism.inter.broker.protocol=" + KafkaCredential.MECHANISM,
            "listener.name.clients.scram-sha-512.sasl.jaas.config=" + admin.jaasConfig(),
            // the controller cannot read SCRAM users before it has the metadata: PLAIN, admin only
            "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
            "sasl.mechanism.controller.protocol=PLAIN",
            "listener.name.controller.plain.sasl.jaas.config=" + controllerJaas(admin),
            "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
            "allow.everyone.if.no.acl.found=false",
            "super.users=User:" + admin.username(),
            "log.dirs=" + storageDir(),
            "num.partitions=" + partitions,
            "auto.create.topics.enable=false",
            "default.replication.factor=1",
            "min.insync.replicas=1",
            "offsets.topic.replication.factor=1",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            // After a kill -9 the restarted broker cannot register until the session of its
            // previous incarnation expires: 9 s by default, too slow for crash tests.
            "broker.heartbeat.interval.ms=500",
            "broker.session.timeout.ms=3000",
            "");
    String log4j =
        String.join(
            "\n",
            "<Configuration status=\"WARN\">",
            "  <Appenders>",
            "    <File name=\"file\" fileName=\"" + logFile() + "\">",
            "      <PatternLayout pattern=\"[%d] %p %m (%c)%n\"/>",
            "    </File>",
            "  </Appenders>",
            "  <Loggers>",
            "    <Root level=\"INFO\"><AppenderRef ref=\"file\"/></Root>",
            "  </Loggers>",
            "</Configuration>",
            "");
    try {
      Files.createDirectories(dataDir);
      // it holds the super user's password
      Secrets.writeOwnerOnly(serverProperties(), server);
      Files.writeString(log4jConfig(), log4j);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the Kafka configuration in " + dataDir, e);
    }
  }

  /** The controller listener's PLAIN login, for the broker and as its only user. */
  private static String controllerJaas(KafkaCredential admin) {
    return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
        + admin.username()
        + "\" password=\""
        + admin.password()
        + "\" user_"
        + admin.username()
        + "=\""
        + admin.password()
        + "\";";
  }

  private String diagnostics() {
    return ChildProcesses.tail(consoleLog(), 20) + "\n" + ChildProcesses.tail(logFile(), 40);
  }

  private Path storageDir() {
    return dataDir.resolve("storage");
  }

  /** Written once the storage was formatted with the super user. */
  private Path usersMarker() {
    return dataDir.resolve("formatted-with-users");
  }

  private Path serverProperties() {
    return dataDir.resolve("server.properties");
  }

  private Path log4jConfig() {
    return dataDir.resolve("log4j2.xml");
  }

  private Path consoleLog() {
    return dataDir.resolve("console.log");
  }
}
