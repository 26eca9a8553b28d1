package io.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.system.MachineStalls.Stall;
import io.orderflow.system.RetryingClients.Attempt;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnswerOracleTest {
  private static final long SECOND = 1_000_000_000L;
  // the machine stood still from 100 s to 113 s
  private static final MachineStalls STALLS =
      MachineStalls.of(List.of(new Stall("scheduling", 100 * SECOND, 113 * SECOND)));

  private static AnswerOracle oracle(AnswerClass... explainedByFault) {
    return new AnswerOracle(Set.of(explainedByFault), STALLS, Map.of());
  }

  private static Attempt attempt(int status, long startedSecond, long answeredSecond) {
    return new Attempt(status, startedSecond * SECOND, answeredSecond * SECOND, 0, null);
  }

  @Test
  void aTimeOutWhileTheMachineStoodStillIsTheMachines() {
    AnswerOracle.Verdict verdict = oracle().judge(1, attempt(-1, 95, 105));

    assertThat(verdict.expected()).isTrue();
    assertThat(verdict.byStall()).isTrue();
    assertThat(verdict.reason()).contains("scheduling stood still 13.0 s");
  }

  @Test
  void aServiceUnavailableSoonAfterTheStallIsItsAftermath() {
    AnswerOracle.Verdict verdict = oracle().judge(1, attempt(503, 120, 122));

    assertThat(verdict.expected()).isTrue();
    assertThat(verdict.byStall()).isTrue();
  }

  @Test
  void aTimeOutNeitherTheFaultNorAStallExplainsFails() {
    assertThat(oracle().judge(1, attempt(-1, 50, 60)).expected()).isFalse();
    assertThat(oracle().judge(1, attempt(503, 124, 125)).expected()).isFalse();
  }

  @Test
  void theFaultUnderTestExplainsItsOwnAnswersBeforeAnyStall() {
    AnswerOracle.Verdict verdict = oracle(AnswerClass.NO_ANSWER).judge(1, attempt(-1, 95, 105));

    assertThat(verdict.expected()).isTrue();
    assertThat(verdict.byStall()).isFalse();
  }

  @Test
  void aStallExcusesNoAnswerButTransientOnes() {
    assertThat(oracle().judge(1, attempt(401, 101, 102)).expected()).isFalse();
    assertThat(oracle().judge(1, attempt(500, 101, 102)).expected()).isFalse();
  }
}
