package io.orderflow.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerTest {
  private static final String PASSWORD = Secrets.random();

  @Test
  void durableServerKeepsItsDataAcrossRestarts(@TempDir Path dataDir) throws Exception {
    Path pgData = dataDir.resolve("postgres");
    int port = Infrastructure.Ports.free().postgres();

    PostgresServer first = PostgresServer.start(port, pgData, true, PASSWORD);
    try (Connection connection = connect(first);
        Statement statement = connection.createStatement()) {
      assertEquals("on", setting(statement, "fsync"));
      assertEquals("on", setting(statement, "synchronous_commit"));
      assertEquals("200", setting(statement, "max_connections"));
      statement.execute("create table kept (id int primary key)");
      statement.execute("insert into kept values (42)");
    } finally {
      first.stop();
    }

    PostgresServer second = PostgresServer.start(port, pgData, true, PASSWORD);
    try (Connection connection = connect(second);
        Statement statement = connection.createStatement();
        ResultSet kept = statement.executeQuery("select id from kept")) {
      kept.next();
      assertEquals(42, kept.getInt(1));
    } finally {
      second.stop();
    }
    assertEquals(true, Files.exists(pgData.resolve("PG_VERSION")));
  }

  @Test
  void testServerSkipsFsyncButSurvivesItsOwnCrash(@TempDir Path dataDir) throws Exception {
    PostgresServer server =
        PostgresServer.start(
            Infrastructure.Ports.free().postgres(), dataDir.resolve("postgres"), false, PASSWORD);
    try (Connection connection = connect(server);
        Statement statement = connection.createStatement()) {
      assertEquals("off", setting(statement, "fsync"));
      // a confirmed commit is in the operating system's hands, so kill -9 cannot lose it
      assertEquals("on", setting(statement, "synchronous_commit"));
    } finally {
      server.stop();
    }
  }

  private static Connection connect(PostgresServer server) throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
  }

  private static String setting(Statement statement, String name) throws SQLException {
    try (ResultSet value = statement.executeQuery("show " + name)) {
      value.next();
      return value.getString(1);
    }
  }
}
