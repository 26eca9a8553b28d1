package io.orderflow.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.api.rest.UnavailableAnswerLog.LogWindow;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class UnavailableAnswerLogTest {
  private static final long QUIET = 10_000;

  @Test
  void theFirstAnswerOfAnOutageIsLoggedWithNothingHeldBack() {
    assertThat(new LogWindow(QUIET).admit(5)).isEqualTo(OptionalLong.of(0));
  }

  @Test
  void answersWithinTheQuietPeriodAreHeldBackAndCountedOnTheNextLine() {
    LogWindow window = new LogWindow(QUIET);
    window.admit(0);

    assertThat(window.admit(1)).isEmpty();
    assertThat(window.admit(QUIET - 1)).isEmpty();
    assertThat(window.admit(QUIET)).isEqualTo(OptionalLong.of(2));
    assertThat(window.admit(QUIET + 1)).isEmpty();
    assertThat(window.admit(3 * QUIET)).isEqualTo(OptionalLong.of(1));
  }
}
