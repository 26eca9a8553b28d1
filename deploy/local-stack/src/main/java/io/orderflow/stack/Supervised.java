package io.orderflow.stack;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/** A process of the local stack that {@link Supervisor} starts again when it dies unasked. */
interface Supervised {

  /** The name in the launcher's log lines and in {@code deploy/local/run status}. */
  String name();

  /** Servers (Kafka, PostgreSQL, Redis) come back before any service is restarted. */
  boolean isServer();

  /** The process id while it runs; empty once it has died. */
  OptionalLong runningPid();

  /** How the last run ended, for the log line: an exit code, a signal, or that it is unknown. */
  String exitDescription();

  /**
   * Starts it again after it died, on the same ports, configuration and data; returns once it
   * serves, or throws if it could not.
   */
  void restart();

  /** Where its output goes, for an operator to read why it died; empty if it has no log. */
  Optional<Path> log();
}
