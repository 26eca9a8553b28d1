package io.orderflow.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/** A real process running a shell script, supervised as the stack's processes are. */
final class ShellProcess implements Supervised {
  private final String name;
  private final boolean server;
  private final String script;
  private final Path log;
  private final Consumer<String> restarts;
  private Process process;

  /**
   * @param restarts told the name of each restart that came up
   */
  ShellProcess(String name, boolean server, String script, Path log, Consumer<String> restarts) {
    this.name = name;
    this.server = server;
    this.script = script;
    this.log = log;
    this.restarts = restarts;
  }

  ShellProcess start() {
    process = ChildProcesses.start(List.of("sh", "-c", script), log.getParent(), log);
    return this;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean isServer() {
    return server;
  }

  @Override
  public synchronized OptionalLong runningPid() {
    return process != null && process.isAlive()
        ? OptionalLong.of(process.pid())
        : OptionalLong.empty();
  }

  @Override
  public synchronized String exitDescription() {
    return ChildProcesses.howItEnded(process);
  }

  /** Fails, as a start that did not come up, if the script ends within a tenth of a second. */
  @Override
  public synchronized void restart() {
    start();
    if (ChildProcesses.awaitExit(process, Duration.ofMillis(100))) {
      throw new IllegalStateException(
          name + " exited before it was ready (" + ChildProcesses.howItEnded(process) + ")");
    }
    restarts.accept(name);
  }

  @Override
  public Optional<Path> log() {
    return Optional.of(log);
  }

  void kill() {
    ChildProcesses.kill(process.toHandle());
  }
}
