package io.orderflow.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The servers of a durable stack remember their process ids in its data directory, so that a
 * launcher killed with -9 does not block the next start: PostgreSQL and Redis are not our children
 * and outlive it, holding their ports and data. The next start stops what is still running before
 * starting afresh on the same data.
 */
final class LeftoverServers {
  private static final Duration GRACE = Duration.ofSeconds(30);

  private static final List<String> SERVERS = List.of("kafka", "postgres", "redis");

  private final Path dir;

  LeftoverServers(Path dataDir) {
    this.dir = dataDir.resolve("pids");
  }

  /** Records the process with its start time, which tells it from a later one given its pid. */
  void remember(String server, long pid) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(server + ".pid"), pid + " " + startOf(pid).orElse(""));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot record the process id of " + server, e);
    }
  }

  /** The server, remembering its new process id each time the supervisor starts it again. */
  Supervised remembering(Supervised server) {
    return new Remembering(server, this);
  }

  private record Remembering(Supervised server, LeftoverServers leftovers) implements Supervised {
    @Override
    public String name() {
      return server.name();
    }

    @Override
    public boolean isServer() {
      return server.isServer();
    }

    @Override
    public OptionalLong runningPid() {
      return server.runningPid();
    }

    @Override
    public String exitDescription() {
      return server.exitDescription();
    }

    @Override
    public void restart() {
      server.restart();
      server.runningPid().ifPresent(pid -> leftovers.remember(server.name(), pid));
    }

    @Override
    public Optional<Path> log() {
      return server.log();
    }
  }

  /** After a clean stop nothing is left to look for. */
  void forgetAll() {
    SERVERS.forEach(server -> dir.resolve(server + ".pid").toFile().delete());
  }

  /** Stops every remembered server that still runs: SIGTERM, then SIGKILL after a grace period. */
  void stopAll() {
    SERVERS.forEach(server -> remembered(server).ifPresent(process -> stop(server, process)));
  }

  /** The remembered process if it still runs: same pid and same start time. */
  private Optional<ProcessHandle> remembered(String server) {
    Path file = dir.resolve(server + ".pid");
    try {
      if (!Files.exists(file)) {
        return Optional.empty();
      }
      String[] pidAndStart = Files.readString(file).trim().split(" ");
      long pid = Long.parseLong(pidAndStart[0]);
      return pidAndStart.length == 2 && startOf(pid).filter(pidAndStart[1]::equals).isPresent()
          ? ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
          : Optional.empty();
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> startOf(long pid) {
    return ProcessHandle.of(pid)
        .flatMap(process -> process.info().startInstant())
        .map(start -> Long.toString(start.toEpochMilli()));
  }

  private static void stop(String server, ProcessHandle process) {
    System.out.printf(
        "Stopping %s (pid %d) left running by an earlier start%n", server, process.pid());
    ChildProcesses.stop(process, GRACE);
  }
}
