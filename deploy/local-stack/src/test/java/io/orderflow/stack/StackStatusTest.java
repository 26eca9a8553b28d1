package io.orderflow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackStatusTest {
  private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

  @TempDir Path dataDir;

  private final ProcessHandle self = ProcessHandle.current();
  private final StackStatus running =
      new StackStatus(
          self.pid(),
          self.info().startInstant().orElseThrow(),
          List.of(
              new StackStatus.Process(
                  "kafka", OptionalLong.of(4242), NOW.minusSeconds(125), 0, "running"),
              new StackStatus.Process(
                  "inventory-worker",
                  OptionalLong.empty(),
                  NOW.minusSeconds(3),
                  2,
                  "down, restarting")));

  @Test
  void whatIsWrittenIsReadBack() {
    running.write(dataDir);

    assertEquals(running, StackStatus.read(dataDir).orElseThrow());
  }

  @Test
  void theTableShowsEachProcessWithItsPidUptimeAndRestarts() {
    String table = running.describe(NOW);

    assertThat(table)
        .containsPattern("kafka\\s+4242\\s+2m 05s\\s+0\\s+running")
        .containsPattern("inventory-worker\\s+-\\s+-\\s+2\\s+down, restarting");
  }

  @Test
  void aStatusLeftByALauncherThatExitedSaysSo() {
    StackStatus gone =
        new StackStatus(self.pid(), NOW.minus(Duration.ofDays(400)), running.processes());

    assertThat(gone.describe(NOW)).startsWith("orderflow is not running");
  }

  @Test
  void noStatusWrittenYetIsEmpty() {
    assertThat(StackStatus.read(dataDir)).isEmpty();
  }
}
