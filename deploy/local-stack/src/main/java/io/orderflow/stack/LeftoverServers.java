package io.orderflow.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The servers of a durable stack remember their process ids in its data directory, so that a
 * launcher killed with -9 does not block the next start: PostgreSQL and Redis are not our children
 * and outlive it, holding their ports and data. The next start stops what is still running before
 * starting afresh on the same data.
 */
final class LeftoverServers {
  private static final Duration GRACE = Duration.ofSeconds(30);

  /** The binary each server runs (by name prefix): a pid reused by something else is left alone. */
  private static final Map<String, String> COMMANDS =
      Map.of("kafka", "java", "postgres", "postgres", "redis", "redis-server");

  private final Path dir;

  LeftoverServers(Path dataDir) {
    this.dir = dataDir.resolve("pids");
  }

  void remember(String server, long pid) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(server + ".pid"), Long.toString(pid));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot record the process id of " + server, e);
    }
  }

  /** Stops every remembered server that still runs: SIGTERM, then SIGKILL after a grace period. */
  void stopAll() {
    COMMANDS.forEach(
        (server, command) ->
            remembered(server)
                .filter(process -> runs(process, command))
                .ifPresent(process -> stop(server, process)));
  }

  private Optional<ProcessHandle> remembered(String server) {
    Path file = dir.resolve(server + ".pid");
    try {
      return Files.exists(file)
          ? ProcessHandle.of(Long.parseLong(Files.readString(file).trim()))
          : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static boolean runs(ProcessHandle process, String command) {
    return process.isAlive()
        && process
            .info()
            .command()
            .map(path -> Path.of(path).getFileName().toString().startsWith(command))
            .orElse(false);
  }

  private static void stop(String server, ProcessHandle process) {
    System.out.printf(
        "Stopping %s (pid %d) left running by an earlier start%n", server, process.pid());
    ChildProcesses.stop(process, GRACE);
  }
}
