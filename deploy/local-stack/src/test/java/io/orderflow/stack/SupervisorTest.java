package io.orderflow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor with real processes (shell scripts) and a fast policy. */
class SupervisorTest {
  private static final RestartPolicy FAST =
      new RestartPolicy(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(5), 3);
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;

  private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
  private final List<String> restarted = Collections.synchronizedList(new ArrayList<>());
  private final AtomicReference<StackStatus> status = new AtomicReference<>();
  private final List<ShellProcess> processes = new ArrayList<>();
  private Supervisor supervisor;
  private CompletableFuture<Optional<String>> outcome;

  @AfterEach
  void stop() throws InterruptedException {
    if (supervisor != null) {
      supervisor.close();
    }
    processes.forEach(ShellProcess::kill);
  }

  @Test
  void aProcessKilledUnaskedIsStartedAgainAndTheLogSaysSo() {
    ShellProcess worker = process("worker", false, "exec sleep 600");
    supervise(worker);
    long first = worker.runningPid().orElseThrow();

    worker.kill();

    await().atMost(WAIT).until(() -> status.get().process("worker").restarts() == 1);
    StackStatus.Process now = status.get().process("worker");
    assertThat(now.pid()).isPresent().isEqualTo(worker.runningPid());
    assertThat(now.pid().getAsLong()).isNotEqualTo(first);
    assertThat(now.state()).isEqualTo("running");
    assertThat(lines)
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("worker (pid " + first + ") died: killed by SIGKILL (signal 9)")
                    .contains("log: " + dir.resolve("worker.log")))
        .anySatisfy(line -> assertThat(line).startsWith("worker runs again (pid "));
  }

  @Test
  void aProcessThatDiesOnEveryStartIsGivenUpWithItsReason() {
    Path started = dir.resolve("started-once");
    ShellProcess worker =
        process(
            "worker",
            false,
            "if [ -e "
                + started
                + " ]; then echo 'bad configuration: no such key'; exit 3; fi; touch "
                + started
                + "; exec sleep 600");
    supervise(worker);

    worker.kill();

    Optional<String> reason = outcome.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    assertThat(reason)
        .hasValueSatisfying(
            why ->
                assertThat(why)
                    .startsWith("worker died 3 times in a row")
                    .contains("exit code 3")
                    .contains("bad configuration: no such key"));
    assertThat(status.get().process("worker").state()).isEqualTo("gave up");
  }

  @Test
  void servicesComeBackOnlyAfterTheServersTheyNeed() {
    Path failedOnce = dir.resolve("failed-once");
    ShellProcess server =
        process(
            "server",
            true,
            "if [ -e "
                + dir.resolve("first-run-done")
                + " ] && [ ! -e "
                + failedOnce
                + " ]; then touch "
                + failedOnce
                + "; exit 1; fi; touch "
                + dir.resolve("first-run-done")
                + "; exec sleep 600");
    ShellProcess service = process("service", false, "exec sleep 600");
    supervise(server, service);

    server.kill();
    service.kill();

    await().atMost(WAIT).until(() -> restarted.size() == 2);
    assertThat(restarted).containsExactly("server", "service");
    assertThat(lines).anySatisfy(line -> assertThat(line).contains("died: could not start again"));
  }

  @Test
  void afterCloseNothingIsRestarted() throws InterruptedException {
    ShellProcess worker = process("worker", false, "exec sleep 600");
    supervise(worker);

    supervisor.close();
    worker.kill();

    assertThat(outcome.join()).isEmpty();
    assertThat(worker.runningPid()).isEmpty();
    assertThat(restarted).isEmpty();
  }

  private ShellProcess process(String name, boolean server, String script) {
    ShellProcess process =
        new ShellProcess(name, server, script, dir.resolve(name + ".log"), restarted::add).start();
    processes.add(process);
    return process;
  }

  private void supervise(Supervised... supervised) {
    supervisor = new Supervisor(List.of(supervised), FAST, lines::add, status::set);
    outcome = CompletableFuture.supplyAsync(supervisor::run);
    await().atMost(WAIT).until(() -> status.get() != null);
  }
}
