package io.orderflow.model;

import java.util.Optional;

/**
 * A process's test-only fault hook: armed with the step {@value #CRASH_AT} names, it halts the
 * process (see {@link FaultHalt}) the first time that step is reached; unarmed, it does nothing.
 * Each service extends it once, naming its own steps and reading the key from its configuration.
 */
public class FaultHook<S extends Enum<S>> {
  /** The configuration key that arms the hook; production never sets it. */
  public static final String CRASH_AT = "orderflow.fault.crash-at";

  private static final System.Logger LOG = System.getLogger(FaultHook.class.getName());

  private final Optional<S> crashAt;

  public FaultHook(Optional<S> crashAt) {
    this.crashAt = crashAt;
    crashAt.ifPresent(
        step -> LOG.log(System.Logger.Level.WARNING, "fault hook armed: halting at " + step));
  }

  public void reached(S step) {
    if (crashAt.isPresent() && crashAt.get() == step) {
      FaultHalt.haltAt(step);
    }
  }
}
