package io.orderflow.stack;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A packaged Quarkus service ({@code <module>/target/quarkus-app}) running in a child JVM. Its
 * configuration goes into the child's environment ({@code quarkus.redis.password} becomes {@code
 * QUARKUS_REDIS_PASSWORD}), never onto its command line, which every user of the machine can read
 * with {@code ps}.
 */
public final class ServiceProcess implements AutoCloseable, Supervised {
  /** How long a start may take on a loaded 2-core machine before it counts as failed. */
  public static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

  private static final Duration STOP_GRACE = Duration.ofSeconds(15);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
  private static final int LOG_LINES_ON_FAILURE = 40;

  private final String name;
  private final String module;
  private final Path app;
  private final int httpPort;
  private final int managementPort;
  private final Map<String, String> config;
  private final Path log;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Process process;
  private Process lastRun; // kept after it ended, for how it ended

  /**
   * @param module directory of the service's module, relative to the repository root
   * @param httpPort the public port (the API)
   * @param managementPort the management interface's port (health, metrics, OpenAPI)
   * @param config Quarkus configuration keys, in addition to both ports
   */
  public ServiceProcess(
      String name, String module, int httpPort, int managementPort, Map<String, String> config) {
    this.name = name;
    this.module = module;
    this.app = RepoPaths.repoRoot().resolve(module).resolve("target/quarkus-app");
    this.httpPort = httpPort;
    this.managementPort = managementPort;
    this.config = new LinkedHashMap<>(config);
    this.config.put("quarkus.http.port", String.valueOf(httpPort));
    this.config.put("quarkus.management.port", String.valueOf(managementPort));
    this.config.putIfAbsent("quarkus.http.host", "127.0.0.1");
    this.config.putIfAbsent("quarkus.management.host", "127.0.0.1");
    // a person reads these log files; production keeps its JSON lines
    this.config.putIfAbsent("quarkus.log.console.json.enabled", "false");
    this.log = app.getParent().resolve(name + ".log");
  }

  /** The main class of every packaged Quarkus application (quarkus-run.jar's manifest). */
  private static final String QUARKUS_MAIN = "io.quarkus.bootstrap.runner.QuarkusEntryPoint";

  /** Launches the service without waiting for it; see {@link #waitUntilReady(Duration)}. */
  public synchronized ServiceProcess start() {
    Path jar = app.resolve("quarkus-run.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(
          jar + " is missing: run ./mvnw install -DskipTests first to package " + name);
    }
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is already running");
    }
    process = ChildProcesses.start(command(jar), environment(), app, log);
    lastRun = process;
    return this;
  }

  List<String> command(Path jar) {
    List<String> arguments = new ArrayList<>(JvmOptions.of(module, System.getenv()));
    arguments.addAll(
        List.of(
            "-cp",
            jar + File.pathSeparator + ParentWatchdog.classPathEntry(),
            ParentWatchdog.class.getName(),
            QUARKUS_MAIN));
    return ChildProcesses.java(arguments);
  }

  /**
   * The configuration as the environment variables Quarkus reads it from; also a container's
   * environment when the service runs from its image.
   */
  public Map<String, String> environment() {
    Map<String, String> environment = new LinkedHashMap<>();
    config.forEach((key, value) -> environment.put(environmentName(key), value));
    return environment;
  }

  /** MicroProfile Config's rule: every character but letters and digits becomes '_'. */
  static String environmentName(String key) {
    return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
  }

  /**
   * Returns once the readiness check on the management port answers 200; fails with the log's tail
   * otherwise.
   */
  public void waitUntilReady(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready"))
            .timeout(Duration.ofSeconds(2))
            .build();
    while (!answersOk(ready)) {
      Process current = process;
      if (current == null || !current.isAlive()) {
        throw failure(
            name + " exited before it was ready (" + ChildProcesses.howItEnded(current) + ")");
      }
      if (Instant.now().isAfter(deadline)) {
        throw failure(name + " not ready within " + timeout);
      }
      ChildProcesses.awaitExit(current, POLL_INTERVAL);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + httpPort;
  }

  /** Where health, metrics and OpenAPI are served, apart from the API. */
  public String managementUrl() {
    return "http://127.0.0.1:" + managementPort;
  }

  /** The service's process id while it runs. */
  public synchronized OptionalLong pid() {
    return process != null && process.isAlive()
        ? OptionalLong.of(process.pid())
        : OptionalLong.empty();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean isServer() {
    return false;
  }

  @Override
  public OptionalLong runningPid() {
    return pid();
  }

  @Override
  public synchronized String exitDescription() {
    return ChildProcesses.howItEnded(lastRun);
  }

  /** Starts it again with the same ports and configuration; a start that fails is killed. */
  @Override
  public void restart() {
    start();
    try {
      waitUntilReady(READY_TIMEOUT);
    } catch (RuntimeException e) {
      kill();
      throw e;
    }
  }

  @Override
  public Optional<Path> log() {
    return Optional.of(log);
  }

  public Path logFile() {
    return log;
  }

  /** Graceful shutdown (SIGTERM); forced after 15 seconds. */
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

  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return name + " on " + baseUrl();
  }

  private boolean answersOk(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for " + name, e);
    }
  }

  private IllegalStateException failure(String message) {
    return new IllegalStateException(
        message
            + "\nlast lines of "
            + log
            + ":\n"
            + ChildProcesses.tail(log, LOG_LINES_ON_FAILURE));
  }
}
