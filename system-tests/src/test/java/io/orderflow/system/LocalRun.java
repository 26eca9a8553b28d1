package io.orderflow.system;

import io.orderflow.stack.DevKeys;
import io.orderflow.stack.DevTokens;
import io.orderflow.stack.PostgresServer;
import io.orderflow.stack.RepoPaths;
import io.orderflow.stack.StackStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code deploy/local/run} started as a new user starts it, in its own data directory and on free
 * ports, with its output in a file the tests read as the user reads the terminal.
 */
final class LocalRun implements AutoCloseable {
  private static final String UP = "Ctrl-C stops everything.";
  private static final List<String> PORTS =
      List.of(
          "KAFKA_PORT",
          "KAFKA_CONTROLLER_PORT",
          "POSTGRES_PORT",
          "REDIS_PORT",
          "ORDER_API_PORT",
          "ORDER_API_MANAGEMENT_PORT",
          "INVENTORY_WORKER_PORT",
          "INVENTORY_WORKER_MANAGEMENT_PORT",
          "NOTIFICATION_CONSUMER_PORT",
          "NOTIFICATION_CONSUMER_MANAGEMENT_PORT");

  private final Path dataDir;
  private final Path output;
  private final Map<String, Integer> ports;
  private final Process launcher;

  private LocalRun(Path dataDir, Map<String, Integer> ports, Process launcher) {
    this.dataDir = dataDir;
    this.output = dataDir.resolve("launcher.out");
    this.ports = ports;
    this.launcher = launcher;
  }

  /** Starts the launcher and returns once it prints that the stack is up. */
  static LocalRun start(Duration timeout) throws IOException {
    Path dataDir = Files.createTempDirectory("orderflow-local-run-");
    Map<String, Integer> ports = freePorts();
    ProcessBuilder builder =
        new ProcessBuilder("bash", "deploy/local/run")
            .directory(RepoPaths.repoRoot().toFile())
            .redirectErrorStream(true)
            .redirectOutput(Redirect.appendTo(dataDir.resolve("launcher.out").toFile()));
    builder.environment().put("ORDERFLOW_LOCAL_DIR", dataDir.toString());
    ports.forEach((name, port) -> builder.environment().put(name, port.toString()));
    LocalRun run = new LocalRun(dataDir, ports, builder.start());
    Instant deadline = Instant.now().plus(timeout);
    while (!run.output().contains(UP)) {
      if (!run.launcher.isAlive() || Instant.now().isAfter(deadline)) {
        String output = run.output();
        run.close();
        throw new IllegalStateException("deploy/local/run did not come up:\n" + output);
      }
      run.launcher.onExit().completeOnTimeout(null, 500, TimeUnit.MILLISECONDS).join();
    }
    return run;
  }

  /** What the launcher printed so far. */
  String output() {
    try {
      return Files.exists(output) ? Files.readString(output) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  StackStatus status() {
    return StackStatus.read(dataDir).orElseThrow();
  }

  Process launcher() {
    return launcher;
  }

  int port(String variable) {
    return ports.get(variable);
  }

  String apiUrl() {
    return "http://127.0.0.1:" + port("ORDER_API_PORT");
  }

  String token(long userId, String role) {
    return DevTokens.mint(
        DevKeys.in(dataDir.resolve("keys")).privateKey(), userId, role, Duration.ofHours(1));
  }

  /** As the superuser, with the password the launcher keeps in its data directory. */
  Connection jdbc() throws SQLException {
    String password;
    try {
      password = Files.readString(dataDir.resolve("postgres-password")).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + port("POSTGRES_PORT") + "/" + PostgresServer.DATABASE,
        "postgres",
        password);
  }

  /** Stops the launcher as Ctrl-C does, and deletes its data. */
  @Override
  public void close() {
    launcher.destroy();
    if (launcher.onExit().completeOnTimeout(null, 90, TimeUnit.SECONDS).join() == null) {
      launcher.destroyForcibly();
    }
    try (Stream<Path> paths = Files.walk(dataDir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a leftover temporary directory does no harm
    }
  }

  private static Map<String, Integer> freePorts() throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      Map<String, Integer> ports = new LinkedHashMap<>();
      for (String name : PORTS) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        sockets.add(socket);
        ports.put(name, socket.getLocalPort());
      }
      return ports;
    } finally {
      for (ServerSocket socket : sockets) {
        socket.close();
      }
    }
  }
}
