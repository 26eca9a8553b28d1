package io.orderflow.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the launcher of {@code deploy/local/run} runs and since when, kept in {@value #FILE} in the
 * data directory on every change; {@code deploy/local/run status} prints it.
 */
public record StackStatus(long launcherPid, Instant launcherStarted, List<Process> processes) {
  static final String FILE = "status";

  /** One supervised process: its pid while it runs, since when, and how often it came back. */
  public record Process(String name, OptionalLong pid, Instant since, int restarts, String state) {}

  /** Prints the status of the stack in the data directory ({@code deploy/local/run status}). */
  public static void main(String[] args) {
    System.out.print(
        read(RepoPaths.localData())
            .map(status -> status.describe(Instant.now()))
            .orElse("orderflow is not running here (no launcher has written a status yet)\n"));
  }

  /** The status the launcher of this data directory last wrote, if any. */
  public static Optional<StackStatus> read(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    try {
      return Files.exists(file) ? Optional.of(parse(Files.readAllLines(file))) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /** The process of that name; fails if the launcher does not supervise one. */
  public Process process(String name) {
    return processes.stream()
        .filter(process -> process.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No process named " + name));
  }

  /** Whether the launcher that wrote this still runs (a pid reused since does not count). */
  public boolean launcherRuns() {
    return ProcessHandle.of(launcherPid)
        .filter(ProcessHandle::isAlive)
        .flatMap(process -> process.info().startInstant())
        .filter(start -> Duration.between(start, launcherStarted).abs().toSeconds() < 5)
        .isPresent();
  }

  void write(Path dataDir) {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.join("\t", "launcher", Long.toString(launcherPid), launcherStarted.toString()));
    for (Process process : processes) {
      lines.add(
          String.join(
              "\t",
              process.name(),
              pidText(process.pid()),
              process.since().toString(),
              Integer.toString(process.restarts()),
              process.state()));
    }
    try {
      Files.createDirectories(dataDir);
      Path next = Files.createTempFile(dataDir, FILE, ".next");
      Files.write(next, lines);
      Files.move(
          next,
          dataDir.resolve(FILE),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the status in " + dataDir, e);
    }
  }

  /** The table {@code deploy/local/run status} prints. */
  String describe(Instant now) {
    if (!launcherRuns()) {
      return String.format(
          "orderflow is not running (its last launcher, pid %d, has exited)%n", launcherPid);
    }
    StringBuilder out =
        new StringBuilder(
            String.format(
                "orderflow launcher pid %d, up %s%n%n%-22s %8s  %9s  %8s  %s%n",
                launcherPid,
                duration(Duration.between(launcherStarted, now)),
                "process",
                "pid",
                "uptime",
                "restarts",
                "state"));
    for (Process process : processes) {
      out.append(
          String.format(
              "%-22s %8s  %9s  %8d  %s%n",
              process.name(),
              pidText(process.pid()),
              process.pid().isPresent() ? duration(Duration.between(process.since(), now)) : "-",
              process.restarts(),
              process.state()));
    }
    return out.toString();
  }

  /** A pid as the status and the launcher's lines show it; {@code -} for none. */
  static String pidText(OptionalLong pid) {
    return pid.isPresent() ? Long.toString(pid.getAsLong()) : "-";
  }

  static String duration(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    return seconds < 60
        ? seconds + " s"
        : seconds < 3600
            ? String.format("%dm %02ds", seconds / 60, seconds % 60)
            : String.format("%dh %02dm", seconds / 3600, seconds % 3600 / 60);
  }

  private static StackStatus parse(List<String> lines) {
    String[] launcher = lines.get(0).split("\t");
    List<Process> processes = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] fields = line.split("\t", 5);
      processes.add(
          new Process(
              fields[0],
              fields[1].equals("-")
                  ? OptionalLong.empty()
                  : OptionalLong.of(Long.parseLong(fields[1])),
              Instant.parse(fields[2]),
              Integer.parseInt(fields[3]),
              fields[4]));
    }
    return new StackStatus(Long.parseLong(launcher[1]), Instant.parse(launcher[2]), processes);
  }
}
