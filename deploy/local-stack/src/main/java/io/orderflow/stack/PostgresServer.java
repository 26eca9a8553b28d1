package io.orderflow.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * PostgreSQL from zonky's binaries, with the database {@value #DATABASE}; every connection needs a
 * password (scram-sha-256), the superuser's on any database, any other role's only on {@value
 * #DATABASE}.
 */
public final class PostgresServer implements AutoCloseable, Supervised {
  public static final String DATABASE = "orderflow";
  private static final String USER = "postgres";

  /** zonky's initdb trusts every local connection; this replaces its pg_hba.conf. */
  private static final String PASSWORDS_ONLY =
      """
      # orderflow: a password for every connection; the services' roles only reach %1$s
      local all %2$s scram-sha-256
      host all %2$s 127.0.0.1/32 scram-sha-256
      host all %2$s ::1/128 scram-sha-256
      host %1$s all 127.0.0.1/32 scram-sha-256
      host %1$s all ::1/128 scram-sha-256
      """
          .formatted(DATABASE, USER);

  private final EmbeddedPostgres.Builder builder;
  private final int port;
  private final String password;
  private final Optional<Path> log;
  private EmbeddedPostgres postgres;
  private Long pid; // looked up on first use

  private PostgresServer(
      EmbeddedPostgres.Builder builder, int port, String password, Optional<Path> log) {
    this.builder = builder;
    this.port = port;
    this.password = password;
    this.log = log;
  }

  /**
   * @param dataDir kept across restarts (also across {@link #kill()}); the server's output goes to
   *     {@code postgres.log} beside it
   * @param durable fsync on, so that a crash of the machine loses no committed transaction; without
   *     it (zonky's default, fast) only a crash of PostgreSQL itself is survived
   * @param password the superuser's; a data directory that trusted local users (new, or from before
   *     passwords) gets it and {@link #PASSWORDS_ONLY} on this start
   */
  public static PostgresServer start(int port, Path dataDir, boolean durable, String password) {
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setPort(port)
            // zonky's own connections (its readiness check, ours below) log in like anyone else
            .setConnectConfig("password", password)
            // The owner closes it, in order: services first, then the database.
            .setRegisterShutdownHook(false)
            .setServerConfig("max_connections", "200")
            // zonky turns it off; a killed server would then forget transactions it confirmed
            .setServerConfig("synchronous_commit", "on");
    Path log = dataDir.toAbsolutePath().resolveSibling("postgres.log");
    builder
        .setDataDirectory(dataDir.toAbsolutePath())
        .setCleanDataDirectory(false)
        .setOutputRedirector(Redirect.appendTo(log.toFile()))
        .setErrorRedirector(Redirect.appendTo(log.toFile()));
    if (durable) {
      builder.setServerConfig("fsync", "on");
    }
    PostgresServer server = new PostgresServer(builder, port, password, Optional.of(log));
    server.start();
    server.requirePasswords();
    server.createDatabase();
    return server;
  }

  /**
   * Starts the server again after {@link #kill()}, on the same port and data directory: PostgreSQL
   * recovers from its write-ahead log.
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
    return password;
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

  /**
   * Gives the superuser its password and replaces a pg_hba.conf that trusts local users (zonky's
   * initdb, or a data directory from before passwords), then restarts so that no connection is
   * trusted any more; a server already on {@link #PASSWORDS_ONLY} is left alone.
   */
  private synchronized void requirePasswords() {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      Path hba;
      try (ResultSet file = statement.executeQuery("show hba_file")) {
        file.next();
        hba = Path.of(file.getString(1));
      }
      if (Files.readString(hba).equals(PASSWORDS_ONLY)) {
        return;
      }
      statement.execute("alter role " + USER + " password '" + password.replace("'", "''") + "'");
      Files.writeString(hba, PASSWORDS_ONLY);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot give PostgreSQL's superuser its password", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot require passwords of PostgreSQL", e);
    }
    stop();
    start();
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
