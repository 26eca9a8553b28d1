package io.orderflow.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.OptionalLong;
import redis.embedded.core.RedisServerBuilder;

/**
 * The redis-server binary shipped in embedded-redis, bound to 127.0.0.1, without snapshots (the
 * local stack's keeps an append-only file instead, see {@link #start}). It holds token state
 * (refresh tokens, the deny-list, throttles), so it asks for a password and never evicts a key:
 * when full it refuses writes, and the services answer 503 rather than forget a revocation. The
 * settings, password included, go into the config file embedded-redis writes (owner-only), never
 * onto the command line.
 */
public final class RedisServer implements AutoCloseable, Supervised {
  private static final String PROCESS_ID = "process_id:";

  private final redis.embedded.RedisServer server;
  private final int port;
  private final String password;
  private final Path log;
  private Long pid; // looked up on first use

  private RedisServer(redis.embedded.RedisServer server, int port, String password, Path log) {
    this.server = server;
    this.port = port;
    this.password = password;
    this.log = log;
  }

  /**
   * @param log where the server's output goes
   * @param appendOnlyDir where it keeps an append-only file, so that a restart (also after a kill)
   *     keeps sessions, revocations and throttles, as in the cluster; empty for a Redis that starts
   *     empty every time (the tests')
   */
  public static RedisServer start(
      int port, String password, Path log, Optional<Path> appendOnlyDir) {
    try {
      RedisServerBuilder builder =
          redis.embedded.RedisServer.newRedisServer()
              .port(port)
              .bind("127.0.0.1")
              // No snapshots: nothing is written next to the extracted binary.
              .setting("save \"\"")
              .setting("requirepass " + password)
              .setting("maxmemory-policy noeviction")
              .soutListener(line -> append(log, line))
              .serrListener(line -> append(log, line));
      if (appendOnlyDir.isPresent()) {
        Files.createDirectories(appendOnlyDir.get());
        builder.setting("dir " + appendOnlyDir.get().toAbsolutePath()).setting("appendonly yes");
      }
      redis.embedded.RedisServer server = builder.build();
      RedisServer redis = new RedisServer(server, port, password, log);
      redis.start();
      return redis;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start Redis on port " + port, e);
    }
  }

  /**
   * Starts the server (again, after {@link #kill()}) on its port: with its append-only file if it
   * has one, else empty.
   */
  public synchronized void start() {
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start Redis on port " + port, e);
    }
  }

  /** kill -9, as in a crash; returns once the process is gone. */
  public synchronized void kill() {
    runningPid().stream()
        .mapToObj(ProcessHandle::of)
        .flatMap(Optional::stream)
        .forEach(
            process -> {
              process.destroyForcibly();
              process.onExit().join();
            });
    pid = null;
    stop();
  }

  @Override
  public String name() {
    return "redis";
  }

  @Override
  public boolean isServer() {
    return true;
  }

  /** The server's pid while it runs; empty when it has died. */
  @Override
  public synchronized OptionalLong runningPid() {
    return ChildProcesses.ifAlive(this::pid);
  }

  @Override
  public String exitDescription() {
    return "exit status unknown (embedded-redis holds the process)";
  }

  /** Starts it again on its port, with what its append-only file kept (if it has one). */
  @Override
  public void restart() {
    kill();
    start();
  }

  @Override
  public Optional<Path> log() {
    return Optional.of(log);
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public String password() {
    return password;
  }

  /** The server's process id. */
  public synchronized long pid() {
    if (pid == null) {
      pid = processIdOf(port, password);
    }
    return pid;
  }

  /** As the server reports it ({@code INFO server}). */
  private static long processIdOf(int port, String password) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(5_000);
      String commands = "AUTH " + password + "\r\nINFO server\r\nQUIT\r\n";
      socket.getOutputStream().write(commands.getBytes(StandardCharsets.US_ASCII));
      BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.startsWith(PROCESS_ID)) {
          return Long.parseLong(line.substring(PROCESS_ID.length()).trim());
        }
      }
      throw new IllegalStateException("Redis on port " + port + " did not tell its process id");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot ask Redis on port " + port + " for its process id", e);
    }
  }

  private static void append(Path log, String line) {
    try {
      Files.writeString(
          log, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      // a lost log line must not stop Redis
    }
  }

  public void stop() {
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot stop Redis on port " + port, e);
    }
  }

  @Override
  public void close() {
    stop();
  }
}
