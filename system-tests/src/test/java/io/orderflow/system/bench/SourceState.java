package io.orderflow.system.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What was measured: the commit, the files that differ from it, and whether the jars were built
 * from these sources ({@code bench/run} passes {@code bench.rebuilt} and {@code bench.stale}).
 *
 * @param staleModules modules whose sources are newer than their jar (when not rebuilt)
 */
record SourceState(
    String commit, List<String> uncommitted, boolean rebuilt, List<String> staleModules) {

  static SourceState read(Path root) {
    return new SourceState(
        git(root, "rev-parse", "--short=12", "HEAD").trim(),
        git(root, "status", "--porcelain").lines().map(String::trim).toList(),
        Boolean.getBoolean("bench.rebuilt"),
        Arrays.stream(System.getProperty("bench.stale", "").split("\\s+"))
            .filter(s -> !s.isBlank())
            .toList());
  }

  /** One line for the report's header. */
  String describe() {
    String tree =
        uncommitted.isEmpty()
            ? "clean"
            : uncommitted.size()
                + " uncommitted: "
                + String.join(", ", uncommitted.subList(0, Math.min(6, uncommitted.size())))
                + (uncommitted.size() > 6 ? ", ..." : "");
    String jars =
        staleModules.isEmpty()
            ? (rebuilt ? "jars rebuilt for this run" : "jars up to date")
            : "STALE JARS (sources newer): " + String.join(" ", staleModules);
    return "commit " + commit + " (" + tree + "); " + jars;
  }

  private static String git(Path root, String... arguments) {
    try {
      List<String> command = new ArrayList<>(List.of("git", "-C", root.toString()));
      command.addAll(List.of(arguments));
      Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return git.waitFor() == 0 ? out : "unknown";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
