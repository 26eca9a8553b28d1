package io.orderflow.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.api.domain.StockLevel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StockLevelTest {

  @ParameterizedTest(name = "{0} available is {1}")
  @CsvSource({
    "0, OUT",
    "1, CRITICAL",
    "5, CRITICAL",
    "6, LOW",
    "10, LOW",
    "11, MEDIUM",
    "50, MEDIUM",
    "51, OK",
    "100000, OK"
  })
  void levelsChangeExactlyAtTheBoundaries(int available, StockLevel level) {
    assertThat(StockLevel.of(available)).isEqualTo(level);
  }
}
