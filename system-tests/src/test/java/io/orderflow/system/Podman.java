package io.orderflow.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@code podman} command, for the tests that run orderflow's images (docs/decisions/029). A
 * value meant for a container's environment goes into podman's own environment and is named on the
 * command line only by its variable, so no secret shows in {@code ps}.
 */
final class Podman {
  private static final long TIMEOUT_SECONDS = 120;

  /** What one podman command printed and how it ended. */
  record Result(int exitCode, String out, String err) {
    boolean ok() {
      return exitCode == 0;
    }

    /** Its output, or an exception naming the command and what it printed on failure. */
    String orThrow(List<String> arguments) {
      if (!ok()) {
        throw new IllegalStateException(
            "podman " + String.join(" ", arguments) + " exited " + exitCode + ": " + err + out);
      }
      return out;
    }
  }

  private Podman() {}

  /** Whether podman can be run here at all. */
  static boolean installed() {
    try {
      return run(List.of("--version")).ok();
    } catch (UncheckedIOException e) {
      return false;
    }
  }

  static Result run(List<String> arguments) {
    return run(arguments, Map.of());
  }

  /** Runs podman with {@code environment} added to its own and waits for it to end. */
  static Result run(List<String> arguments, Map<String, String> environment) {
    List<String> command = new ArrayList<>(List.of("podman"));
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      CompletableFuture<String> err = errors(process);
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "podman " + String.join(" ", arguments) + " still running after 120 s");
      }
      return new Result(process.exitValue(), out, err.join());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run podman", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Its standard error, read beside its output so that neither pipe fills up. */
  private static CompletableFuture<String> errors(Process process) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
