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
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

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

  /**
   * Waits for a child this JVM started to exit for at most the given time; true if it has exited.
   * Unlike its {@link ProcessHandle}, the {@link Process} answers only once its exit value is
   * known, so {@link Process#exitValue()} and {@link Process#isAlive()} agree with the answer.
   */
  static boolean awaitExit(Process process, Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for pid " + process.pid(), e);
    }
  }

  /** Waits for the process to exit for at most the given time; true if it has exited. */
  private static boolean awaitExit(ProcessHandle process, Duration timeout) {
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

  /**
   * The process id a server reports of itself, if that process runs; empty when the server cannot
   * be asked (it is gone) or its process has ended.
   */
  static OptionalLong ifAlive(LongSupplier pid) {
    try {
      long reported = pid.getAsLong();
      return ProcessHandle.of(reported).filter(ProcessHandle::isAlive).isPresent()
          ? OptionalLong.of(reported)
          : OptionalLong.empty();
    } catch (RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  /** How the last run of a child ended, for a log line; null if it never started. */
  static String howItEnded(Process lastRun) {
    if (lastRun == null) {
      return "never started";
    }
    return lastRun.isAlive() ? "still running" : describeExit(lastRun.exitValue());
  }

  /**
   * How a process ended, as Java reports it: a death by signal N is exit value 128 + N (so kill -9
   * reads "killed by SIGKILL (signal 9)").
   */
  static String describeExit(int exitValue) {
    if (exitValue <= 128) {
      return "exit code " + exitValue;
    }
    int signal = exitValue - 128;
    String name =
        switch (signal) {
          case 2 -> "SIGINT";
          case 6 -> "SIGABRT";
          case 9 -> "SIGKILL";
          case 11 -> "SIGSEGV";
          case 15 -> "SIGTERM";
          default -> "signal";
        };
    return "killed by " + name + " (signal " + signal + ")";
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
