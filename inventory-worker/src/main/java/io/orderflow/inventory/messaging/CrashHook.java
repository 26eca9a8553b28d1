package io.orderflow.inventory.messaging;

import io.orderflow.model.FaultHook;
import io.quarkus.runtime.Startup;
import io.smallrye.config.ConfigMapping;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Test-only fault injection: when {@code orderflow.fault.crash-at} names a step, the worker halts
 * (as kill -9 would, no shutdown hooks) the first time it reaches that step, so a whole-stack test
 * can hit a crash window on purpose instead of by luck. Production never sets the key.
 */
// created at start, so that an armed hook says so in the log before anything happens
@Startup
@ApplicationScoped
public class CrashHook {
  /** The dangerous steps of a batch. */
  public enum Step {
    /** The batch's decisions are committed to the database, its events not yet published. */
    DECISIONS_COMMITTED,
    /** The batch's events are acknowledged by Kafka, its offsets not yet committed. */
    EVENTS_PUBLISHED
  }

  @ConfigMapping(prefix = "orderflow.fault")
  public interface Config {
    /** The step to halt at (e.g. {@code decisions-committed}); absent in production. */
    Optional<Step> crashAt();
  }

  private final FaultHook<Step> hook;

  CrashHook(Config config) {
    this.hook = new FaultHook<>(config.crashAt());
  }

  public void reached(Step step) {
    hook.reached(step);
  }
}
