package io.orderflow.api.messaging;

import io.orderflow.model.FaultHook;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Test-only fault injection: when {@code orderflow.fault.crash-at} names a step (e.g. {@code
 * key-claimed}), order-api halts (as kill -9 would, no shutdown hooks) the first time it reaches
 * that step, so a whole-stack test can hit a crash window on purpose instead of by luck.
 */
// created at start, so that an armed hook says so in the log before anything happens
@Startup
@Singleton
public class CrashWindows extends FaultHook<CrashWindows.Step> {
  /** The dangerous steps of the order intake and of the order projection. */
  public enum Step {
    /** An {@code Idempotency-Key} is committed for a new order, its command not yet published. */
    KEY_CLAIMED,
    /** An order's command is acknowledged by Kafka, its decision not yet awaited. */
    COMMAND_PUBLISHED,
    /** An order's answer is known (decided or still received), not yet sent to the client. */
    ANSWER_READY,
    /** A batch of order events is committed to the read model, its offsets not yet acknowledged. */
    ORDER_EVENTS_APPLIED
  }

  CrashWindows(@ConfigProperty(name = CRASH_AT) Optional<Step> crashAt) {
    super(crashAt);
  }
}
