package io.orderflow.model;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The halting itself is a whole-stack matter (CrashWindowTest); here: when the hook stays quiet.
 */
class FaultHookTest {
  enum Step {
    FIRST,
    SECOND
  }

  @Test
  void anUnarmedHookLetsEveryStepPass() {
    FaultHook<Step> hook = new FaultHook<>(Optional.<Step>empty());

    assertDoesNotThrow(() -> hook.reached(Step.FIRST));
    assertDoesNotThrow(() -> hook.reached(Step.SECOND));
  }

  @Test
  void anArmedHookLetsOtherStepsPass() {
    FaultHook<Step> hook = new FaultHook<>(Optional.of(Step.SECOND));

    assertDoesNotThrow(() -> hook.reached(Step.FIRST));
  }
}
