package io.orderflow.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the orderflow checkout and the build outputs the stack runs from. */
public final class RepoPaths {
  private static final String KAFKA_LIB = "deploy/kafka-broker/target/lib";
  private static final String ROOT_MARKER = "deploy/kafka-broker/pom.xml";

  /** The repository root: the nearest ancestor of the working directory holding the build. */
  public static Path repoRoot() {
    Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(ROOT_MARKER))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "No orderflow checkout (" + ROOT_MARKER + ") at or above " + start);
  }

  /**
   * Where {@code deploy/local/run} keeps its data, pids and status: {@code .local} in the checkout
   * unless {@code ORDERFLOW_LOCAL_DIR} names another directory.
   */
  public static Path localData() {
    return Optional.ofNullable(System.getenv("ORDERFLOW_LOCAL_DIR"))
        .filter(dir -> !dir.isBlank())
        .map(dir -> Path.of(dir).toAbsolutePath())
        .orElseGet(() -> repoRoot().resolve(".local"));
  }

  /** The Kafka broker's class path directory, overridable for runs outside the checkout. */
  public static Path kafkaLib() {
    Path lib =
        Optional.ofNullable(System.getProperty("orderflow.kafka-lib"))
            .or(() -> Optional.ofNullable(System.getenv("ORDERFLOW_KAFKA_LIB")))
            .map(Path::of)
            .orElseGet(() -> repoRoot().resolve(KAFKA_LIB));
    if (!Files.isDirectory(lib)) {
      throw new IllegalStateException(
          "Kafka broker class path "
              + lib
              + " is missing: run ./mvnw install -DskipTests first (it builds "
              + KAFKA_LIB
              + ")");
    }
    return lib;
  }

  private RepoPaths() {}
}
