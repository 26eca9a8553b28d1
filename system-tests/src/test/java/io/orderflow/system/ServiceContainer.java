package io.orderflow.system;

import static org.awaitility.Awaitility.await;

import io.orderflow.stack.RepoPaths;
import io.orderflow.stack.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A service's image (deploy/images/build) run by podman as its pod runs it: as the image's own user
 * (the pods say only runAsNonRoot), without capabilities, on a read-only root filesystem with
 * {@code /tmp} in memory, on the host's network so that it reaches the test's Kafka, PostgreSQL and
 * Redis on 127.0.0.1. Its configuration is that of a {@link ServiceProcess} which never starts: the
 * same environment, ports and addresses. Files the configuration names (the JWT keys) are copied
 * for the container's user and mounted read-only. Closing removes the container, whatever happened,
 * and keeps its log.
 */
final class ServiceContainer implements AutoCloseable {
  private static final String FILES = "/config";

  /** The process id of the test JVM that started a container, for {@link #removeLeftovers()}. */
  private static final String OWNER_LABEL = "orderflow.system-test.pid";

  private static final Duration POLL = Duration.ofMillis(500);
  private static final int LOG_LINES_ON_FAILURE = 40;

  private final ServiceProcess service;
  private final String container;
  private final Path files;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private ServiceContainer(ServiceProcess service) throws IOException {
    this.service = service;
    this.container =
        "orderflow-test-" + service.name() + "-" + UUID.randomUUID().toString().substring(0, 8);
    this.files = Files.createTempDirectory("orderflow-container-");
  }

  /**
   * The id of the image Jib built from this checkout's {@code module} ({@code
   * target/jib-image.id}), when podman has it.
   */
  static Optional<String> builtImage(String module) {
    Path idFile = RepoPaths.repoRoot().resolve(module).resolve("target/jib-image.id");
    try {
      if (!Files.exists(idFile)) {
        return Optional.empty();
      }
      String id = Files.readString(idFile).strip();
      return Podman.run(List.of("image", "exists", id)).ok() ? Optional.of(id) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Removes the containers of test JVMs that ended without removing them (killed, e.g. by a
   * timeout): unlike a service process, a container does not end with its parent.
   */
  static void removeLeftovers() {
    List<String> list =
        List.of(
            "ps",
            "--all",
            "--filter=label=" + OWNER_LABEL,
            "--format={{.Names}} {{index .Labels \"" + OWNER_LABEL + "\"}}");
    Podman.run(list)
        .orThrow(list)
        .lines()
        .map(line -> line.split(" "))
        .filter(fields -> ProcessHandle.of(Long.parseLong(fields[1])).isEmpty())
        .forEach(fields -> Podman.run(List.of("rm", "--force", "--time=0", fields[0])));
  }

  /**
   * Starts {@code image} with the configuration of {@code service} without waiting for it; see
   * {@link #waitUntilReady(Duration)}.
   */
  static ServiceContainer run(ServiceProcess service, String image) {
    ServiceContainer started;
    try {
      started = new ServiceContainer(service);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      started.launch(image);
      return started;
    } catch (RuntimeException e) {
      started.close();
      throw e;
    }
  }

  private void launch(String image) {
    Map<String, String> environment = new LinkedHashMap<>(service.environment());
    environment.replaceAll((variable, value) -> mounted(value));
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "run",
                "--detach",
                "--pull=never",
                "--name=" + container,
                "--label=" + OWNER_LABEL + "=" + ProcessHandle.current().pid(),
                "--network=host",
                // the pods' securityContext: no capabilities, no privilege escalation
                "--cap-drop=all",
                "--security-opt=no-new-privileges",
                "--read-only",
                // only what the pod has: /tmp is its emptyDir; the JVM extracts native code there
                "--read-only-tmpfs=false",
                "--tmpfs=/tmp:rw,exec,mode=1777",
                // the copies become the container user's, as a secret volume with fsGroup 185
                "--volume=" + files + ":" + FILES + ":ro,U"));
    environment.keySet().forEach(variable -> arguments.add("--env=" + variable));
    arguments.add(image);
    Podman.run(arguments, environment).orThrow(arguments);
  }

  /** A value naming a file on this machine becomes the path of its copy in the container. */
  private String mounted(String value) {
    Path path = Path.of(value);
    if (!path.isAbsolute() || !Files.isRegularFile(path)) {
      return value;
    }
    Path copy = files.resolve(path.getFileName());
    if (Files.exists(copy)) {
      throw new IllegalStateException("two configured files are named " + path.getFileName());
    }
    try {
      Files.copy(path, copy, StandardCopyOption.COPY_ATTRIBUTES);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return FILES + "/" + path.getFileName();
  }

  /**
   * Returns once the readiness check on the management port answers 200; fails with the log's tail
   * when the container exits or the time is up.
   */
  void waitUntilReady(Duration within) {
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create(service.managementUrl() + IsolatedStack.READINESS_PATH))
            .timeout(Duration.ofSeconds(2))
            .build();
    try {
      await()
          .atMost(within)
          .pollInterval(POLL)
          .until(
              () -> {
                if (!running()) {
                  throw new IllegalStateException(container + " exited");
                }
                return answersOk(ready);
              });
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          service.name() + " not ready\nlast lines of its log:\n" + logTail(), e);
    }
  }

  private boolean running() {
    List<String> inspect =
        List.of("container", "inspect", "--format={{.State.Running}}", container);
    return Podman.run(inspect).orThrow(inspect).strip().equals("true");
  }

  private boolean answersOk(HttpRequest request) throws InterruptedException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  /** The user of every process in the container, by its name in the image. */
  List<String> processUsers() {
    List<String> top = List.of("top", container, "user");
    return Podman.run(top).orThrow(top).lines().skip(1).map(String::strip).toList();
  }

  /** Runs {@code command} in the container as {@code user}. */
  Podman.Result exec(String user, String... command) {
    List<String> arguments = new ArrayList<>(List.of("exec", "--user=" + user, container));
    arguments.addAll(Arrays.asList(command));
    return Podman.run(arguments);
  }

  String name() {
    return container;
  }

  /** The service as the host reaches it: its API and management addresses. */
  ServiceProcess service() {
    return service;
  }

  private String logTail() {
    Podman.Result logs = Podman.run(List.of("logs", "--tail=" + LOG_LINES_ON_FAILURE, container));
    return logs.out() + logs.err();
  }

  /** Keeps its log where the service's process would have written it, then removes it. */
  @Override
  public void close() {
    try {
      Podman.Result logs = Podman.run(List.of("logs", container));
      Files.writeString(service.logFile(), logs.out() + logs.err());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      Podman.run(List.of("rm", "--force", "--time=10", container));
      deleteRecursively(files);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
