package io.orderflow.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps the processes of the local stack running, as the kubelet does in a cluster. It looks at
 * each every quarter second; one that died unasked gets one log line (which, how it ended, where
 * its log is) and is started again on the same ports and data after {@link RestartPolicy}'s
 * backoff, servers before services: a service waits until every server runs. After repeated quick
 * deaths of one process {@link #run()} returns why, and the launcher stops the rest.
 */
final class Supervisor implements AutoCloseable {
  private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(90);
  private static final int LOG_LINES_ON_GIVING_UP = 20;

  private final List<Watched> watched;
  private final RestartPolicy policy;
  private final Consumer<String> log;
  private final Consumer<StackStatus> status;
  private final Instant launcherStarted =
      ProcessHandle.current().info().startInstant().orElseGet(Instant::now);
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean closing;
  private volatile Thread runner;

  /**
   * @param processes running, in the order they were started
   * @param log where the launcher's lines go (its standard output)
   * @param status told of every change, for {@code deploy/local/run status}
   */
  Supervisor(
      List<Supervised> processes,
      RestartPolicy policy,
      Consumer<String> log,
      Consumer<StackStatus> status) {
    Instant now = Instant.now();
    this.watched = processes.stream().map(process -> new Watched(process, now)).toList();
    this.policy = policy;
    this.log = log;
    this.status = status;
  }

  /**
   * Watches until {@link #close()}, returning empty then; or returns the reason it gave up on a
   * process that keeps dying.
   */
  Optional<String> run() {
    runner = Thread.currentThread();
    try {
      publish();
      while (!closing) {
        for (Watched process : watched) {
          if (process.restartAt == null && process.supervised.runningPid().isEmpty()) {
            Optional<String> givenUp = died(process, process.supervised.exitDescription());
            if (givenUp.isPresent()) {
              return givenUp;
            }
          }
        }
        for (Watched process : watched) {
          if (!closing && dueForRestart(process)) {
            Optional<String> givenUp = restart(process);
            if (givenUp.isPresent()) {
              return givenUp;
            }
          }
        }
        pause();
      }
      return Optional.empty();
    } finally {
      finished.countDown();
    }
  }

  /** Stops watching, so that the launcher can stop the processes without their coming back. */
  @Override
  public void close() throws InterruptedException {
    closing = true;
    Thread current = runner;
    if (current != null && current != Thread.currentThread()) {
      current.interrupt();
      finished.await(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private Optional<String> died(Watched process, String how) {
    Duration uptime = Duration.between(process.since, Instant.now());
    RestartPolicy.Next next = policy.afterDeath(process.quickDeaths, uptime);
    process.quickDeaths = next.quickDeaths();
    String where = process.supervised.log().map(Path::toString).orElse("none");
    if (next.giveUp()) {
      process.state = "gave up";
      publish();
      return Optional.of(
          String.format(
              "%s died %d times in a row, each within %s of starting (last: %s); giving up."
                  + " Its log: %s%s",
              process.supervised.name(),
              next.quickDeaths(),
              StackStatus.duration(policy.stableAfter()),
              how,
              where,
              process
                  .supervised
                  .log()
                  .map(file -> "\n" + ChildProcesses.tail(file, LOG_LINES_ON_GIVING_UP))
                  .orElse("")));
    }
    process.restartAt = Instant.now().plus(next.delay());
    process.state = "down, restarting";
    log.accept(
        String.format(
            "%s (pid %s) died: %s after %s up; log: %s. Restarting in %s.",
            process.supervised.name(),
            StackStatus.pidText(process.lastPid),
            how,
            StackStatus.duration(uptime),
            where,
            StackStatus.duration(next.delay())));
    publish();
    return Optional.empty();
  }

  private boolean dueForRestart(Watched process) {
    return process.restartAt != null
        && !Instant.now().isBefore(process.restartAt)
        && (process.supervised.isServer() || everyServerRuns());
  }

  private boolean everyServerRuns() {
    return watched.stream()
        .filter(process -> process.supervised.isServer())
        .allMatch(process -> process.restartAt == null);
  }

  private Optional<String> restart(Watched process) {
    process.restartAt = null;
    process.state = "starting";
    publish();
    Instant begin = Instant.now();
    try {
      process.supervised.restart();
    } catch (RuntimeException e) {
      if (closing) {
        return Optional.empty();
      }
      process.since = begin;
      return died(process, "could not start again: " + firstLine(e.getMessage()));
    }
    process.since = Instant.now();
    process.restarts++;
    process.lastPid = process.supervised.runningPid();
    process.state = "running";
    log.accept(
        String.format(
            "%s runs again (pid %s, restart %d, ready in %s).",
            process.supervised.name(),
            StackStatus.pidText(process.lastPid),
            process.restarts,
            seconds(Duration.between(begin, process.since))));
    publish();
    return Optional.empty();
  }

  private void publish() {
    status.accept(
        new StackStatus(
            ProcessHandle.current().pid(),
            launcherStarted,
            watched.stream()
                .map(
                    process ->
                        new StackStatus.Process(
                            process.supervised.name(),
                            process.restartAt == null && !process.state.equals("gave up")
                                ? process.lastPid
                                : OptionalLong.empty(),
                            process.since,
                            process.restarts,
                            process.state))
                .toList()));
  }

  private void pause() {
    try {
      Thread.sleep(POLL_INTERVAL.toMillis());
    } catch (InterruptedException e) {
      // close() interrupts to end the loop at once; the loop condition sees it
    }
  }

  private static String firstLine(String message) {
    return message == null ? "no reason given" : message.lines().findFirst().orElse(message);
  }

  private static String seconds(Duration duration) {
    return String.format("%.1f s", duration.toMillis() / 1000.0);
  }

  /** What the supervisor knows of one process; touched only by the thread in {@link #run()}. */
  private static final class Watched {
    final Supervised supervised;
    Instant since;
    OptionalLong lastPid;
    int restarts;
    int quickDeaths;
    Instant restartAt; // null while it runs
    String state = "running";

    Watched(Supervised supervised, Instant now) {
      this.supervised = supervised;
      this.lastPid = supervised.runningPid();
      this.since =
          lastPid.isPresent()
              ? ProcessHandle.of(lastPid.getAsLong())
                  .flatMap(process -> process.info().startInstant())
                  .orElse(now)
              : now;
    }
  }
}
