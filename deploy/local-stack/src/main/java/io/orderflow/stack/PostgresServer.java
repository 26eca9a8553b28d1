package io.orderflow.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/** PostgreSQL from zonky's binaries, with the database {@value #DATABASE}. */
public final class PostgresServer implements AutoCloseable {
  public static final String DATABASE = "orderflow";
  private static final String USER = "postgres";

  private final EmbeddedPostgres postgres;
  private Long pid; // looked up on first use

  private PostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * @param dataDir kept across restarts when given; otherwise a temporary directory that is deleted
   *     on {@link #stop()}
   * @param durable fsync and synchronous commit on, so that a crash loses no committed transaction;
   *     zonky turns both off for speed
   */
  public static PostgresServer start(int port, Optional<Path> dataDir, boolean durable) {
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setPort(port)
            // The owner closes it, in order: services first, then the database.
            .setRegisterShutdownHook(false)
            .setServerConfig("max_connections", "200");
    dataDir.ifPresent(
        dir -> builder.setDataDirectory(dir.toAbsolutePath()).setCleanDataDirectory(false));
    if (durable) {
      builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
    }
    try {
      PostgresServer server = new PostgresServer(builder.start());
      server.createDatabase();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start PostgreSQL on port " + port, e);
    }
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
    return postgres.getPort();
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
