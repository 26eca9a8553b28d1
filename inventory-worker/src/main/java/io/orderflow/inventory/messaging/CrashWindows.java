package io.orderflow.inventory.messaging;

import io.orderflow.model.FaultHook;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Test-only fault injection: when {@code orderflow.fault.crash-at} names a step (e.g. {@code
 * decisions-committed}), the worker halts (as kill -9 would, no shutdown hooks) the first time it
 * reaches that step, so a whole-stack test can hit a crash window on purpose instead of by luck.
 */
// created at start, so that an armed hook says so in the log before anything happens
@Startup
@Singleton
public class CrashWindows extends FaultHook<CrashWindows.Step> {
  /** The dangerous steps of a batch. */
  public enum Step {
    /** The batch's decisions are committed to the database, its events not yet published. */
    DECISIONS_COMMITTED,
    /** The batch's events are acknowledged by Kafka, its offsets not yet committed. */
    EVENTS_PUBLISHED
  }

  CrashWindows(@ConfigProperty(name = CRASH_AT) Optional<Step> crashAt) {
    super(crashAt);
  }
}
