package io.orderflow.notification.messaging;

import io.orderflow.model.FaultHook;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Test-only fault injection: when {@code orderflow.fault.crash-at} names a step (e.g. {@code
 * notifications-stored}), the notifier halts (as kill -9 would, no shutdown hooks) the first time
 * it reaches that step, so a whole-stack test can hit a crash window on purpose instead of by luck.
 */
// created at start, so that an armed hook says so in the log before anything happens
@Startup
@Singleton
public class CrashWindows extends FaultHook<CrashWindows.Step> {
  /** The dangerous steps of a batch of events. */
  public enum Step {
    /** The batch's notifications are committed to the database, its offsets not yet committed. */
    NOTIFICATIONS_STORED
  }

  CrashWindows(@ConfigProperty(name = CRASH_AT) Optional<Step> crashAt) {
    super(crashAt);
  }
}
