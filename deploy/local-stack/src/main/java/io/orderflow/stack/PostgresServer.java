package io.orderflow.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** PostgreSQL from zonky's binaries, with the database {@value #DATABASE}. */
public final class PostgresServer implements AutoCloseable, Supervised {
  public static final String DATABASE = "orderflow";
  private static final String USER = "postgres";

  private final EmbeddedPostgres.Builder builder;
  private final int port;
  private final Optional<Path> log;
  private EmbeddedPostgres postgres;
  private Long pid; // looked up on first use

  private PostgresServer(EmbeddedPostgres.Builder builder, int port, Optional<Path> log) {
    this.builder = builder;
    this.port = port;
    this.log = log;
  }

  /**
   * @param dataDir kept across restarts when given (also across {@link #kill()}); otherwise a
   *     temporary directory that is deleted on {@link #stop()}; with one, the server's output goes
   *     to {@code postgres.log} beside it
   * @param durable fsync on, so that a crash of the machine loses no committed transaction; without
   *     it (zonky's default, fast) only a crash of PostgreSQL itself is survived
   */
  public static PostgresServer start(int port, Optional<Path> dataDir, boolean durable) {
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setPort(port)
            // The owner closes it, in order: services first, then the database.
            .setRegisterShutdownHook(false)
            .setServerConfig("max_connections", "200")
            // zonky turns it off; a killed server would then forget transactions it confirmed
            .setServerConfig("synchronous_commit", "on");
    Optional<Path> log = dataDir.map(dir -> dir.toAbsolutePath().resolveSibling("postgres.log"));
    dataDir.ifPresent(
        dir -> builder.setDataDirectory(dir.toAbsolutePath()).setCleanDataDirectory(false));
    log.ifPresent(
        file ->
            builder
                .setOutputRedirector(Redirect.appendTo(file.toFile()))
                .setErrorRedirector(Redirect.appendTo(file.toFile())));
    if (durable) {
      builder.setServerConfig("fsync", "on");
    }
    PostgresServer server = new PostgresServer(builder, port, log);
    server.start();
    server.createDatabase();
    return server;
  }

  /**
   * Starts the server again after {@link #kill()}, on the same port and data directory (so only for
   * a server started with a data directory): PostgreSQL recovers from its write-ahead log.
   */
  public synchronized void start() {
    try {
      postgres = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start PostgreSQL on port " + port, e);
    }
  }

  /**
   * kill -9 of the postmaster and every backend, as in a crash; returns once all are gone. The data
   * directory stays, see {@link #start()}.
   */
  public synchronized void kill() {
    runningPid().stream()
        .mapToObj(ProcessHandle::of)
        .flatMap(Optional::stream)
        .forEach(
            postmaster -> {
              List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
              all.add(postmaster);
              all.forEach(ProcessHandle::destroyForcibly);
              all.forEach(p -> p.onExit().join());
            });
    pid = null;
    try {
      // releases zonky's lock on the data directory; its "pg_ctl stop" finds nothing to stop
      postgres.close();
    } catch (IOException e) {
      // nothing was running any more
    }
  }

  @Override
  public String name() {
    return "postgres";
  }

  @Override
  public boolean isServer() {
    return true;
  }

  /** The postmaster's pid while it runs; empty when it has died (or never answered). */
  @Override
  public synchronized OptionalLong runningPid() {
    return ChildProcesses.ifAlive(this::pid);
  }

  @Override
  public String exitDescription() {
    return "exit status unknown (the postmaster runs detached from the launcher)";
  }

  /**
   * Clears what the dead server left (its backends, zonky's lock), then starts it on the same port
   * and data directory: PostgreSQL recovers from its write-ahead log.
   */
  @Override
  public void restart() {
    kill();
    start();
  }

  @Override
  public Optional<Path> log() {
    return log;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
  }

  public String username() {
    return USER;
  }

  public String password() {
    return USER;
  }

  public int port() {
    return port;
  }

  /** The process id of the postmaster, the parent of every backend. */
  public synchronized long pid() {
    if (pid == null) {
      pid = postmasterOf(postgres);
    }
    return pid;
  }

  private static long postmasterOf(EmbeddedPostgres postgres) {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement();
        ResultSet backend = statement.executeQuery("select pg_backend_pid()")) {
      backend.next();
      return ProcessHandle.of(backend.getLong(1))
          .flatMap(ProcessHandle::parent)
          .map(ProcessHandle::pid)
          .orElseThrow(() -> new IllegalStateException("PostgreSQL's postmaster is not visible"));
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot ask PostgreSQL for its process", e);
    }
  }

  public void stop() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot stop PostgreSQL on port " + port(), e);
    }
  }

  @Override
  public void close() {
    stop();
  }

  private void createDatabase() {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      try (ResultSet existing =
          statement.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
        if (existing.next()) {
          return;
        }
      }
      statement.execute("create database " + DATABASE);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create database " + DATABASE, e);
    }
  }
}
