package io.orderflow.model;

/**
 * How a test-only fault hook ends a process at a dangerous step: as kill -9 would, without shutdown
 * hooks, after a log line a whole-stack test can look for. Each service names its own steps.
 */
public final class FaultHalt {
  /** The exit code of a halt, so a test can tell it from any other exit. */
  public static final int EXIT_CODE = 86;

  private static final System.Logger LOG = System.getLogger(FaultHalt.class.getName());

  public static void haltAt(Enum<?> step) {
    LOG.log(System.Logger.Level.ERROR, "fault hook: halting at " + step);
    System.out.flush();
    System.err.flush();
    Runtime.getRuntime().halt(EXIT_CODE);
  }

  private FaultHalt() {}
}
