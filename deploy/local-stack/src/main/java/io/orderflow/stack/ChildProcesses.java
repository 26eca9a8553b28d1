package io.orderflow.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Starting, watching and stopping the child JVMs of the stack. */
final class ChildProcesses {
  private static final Path SETSID = Path.of("/usr/bin/setsid");

  /**
   * A command running this JVM's java. In its own session where possible, so that Ctrl-C in a
   * terminal reaches only the parent, which then stops its children in order.
   */
  static List<String> java(List<String> arguments) {
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(SETSID)) {
      command.add(SETSID.toString());
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(arguments);
    return command;
  }

  /** Starts the command with stdout and stderr appended to the log; stdin stays a pipe. */
  static Process start(List<String> command, Path workingDirectory, Path log) {
    return start(command, Map.of(), workingDirectory, log);
  }

  /** As {@link #start(List, Path, Path)}, with variables added to the inherited environment. */
  static Process start(
      List<String> command, Map<String, String> environment, Path workingDirectory, Path log) {
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(workingDirectory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(Redirect.appendTo(log.toFile()));
      builder.environment().putAll(environment);
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + command, e);
    }
  }

  /** Waits for the process to exit for at most the given time; true if it has exited. */
  static boolean awaitExit(ProcessHandle process, Duration timeout) {
    try {
      process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for pid " + process.pid(), e);
    }
  }

  /** SIGTERM, then SIGKILL if the process has not exited within the grace period. */
  static void stop(ProcessHandle process, Duration grace) {
    process.destroy();
    if (!awaitExit(process, grace)) {
      kill(process);
    }
  }

  /** SIGKILL, returning once the process is gone. */
  static void kill(ProcessHandle process) {
    process.destroyForcibly();
    awaitExit(process, Duration.ofSeconds(30));
  }

  static String tail(Path log, int lines) {
    try {
      List<String> all = Files.exists(log) ? Files.readAllLines(log) : List.of();
      return String.join(
          System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  private ChildProcesses() {}
}
