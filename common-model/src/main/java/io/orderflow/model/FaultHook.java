package io.orderflow.model;

import java.util.Optional;

/**
 * A process's test-only fault hook: armed with the step {@code orderflow.fault.crash-at} names, it
 * halts the process (see {@link FaultHalt}) the first time that step is reached; unarmed, it does
 * nothing. Each service names its own steps and reads its own configuration.
 */
public final class FaultHook<S extends Enum<S>> {
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
