package io.orderflow.api.messaging;

import io.orderflow.model.FaultHook;
import io.quarkus.runtime.Startup;
import io.smallrye.config.ConfigMapping;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Test-only fault injection: when {@code orderflow.fault.crash-at} names a step, order-api halts
 * (as kill -9 would, no shutdown hooks) the first time it reaches that step, so a whole-stack test
 * can hit a crash window on purpose instead of by luck. Production never sets the key.
 */
// created at start, so that an armed hook says so in the log before anything happens
@Startup
@ApplicationScoped
public class CrashHook {
  /** The dangerous steps of the order projection. */
  public enum Step {
    /** A batch of order events is committed to the read model, its offsets not yet acknowledged. */
    ORDER_EVENTS_APPLIED
  }

  @ConfigMapping(prefix = "orderflow.fault")
  public interface Config {
    /** The step to halt at (e.g. {@code order-events-applied}); absent in production. */
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
