package io.orderflow.stack;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/** A launcher killed with -9 leaves PostgreSQL and Redis running; the next start copes. */
class LeftoverServersTest {
  @TempDir Path dataDir;
  private Process holder;
  private Infrastructure restarted;

  @AfterEach
  void stop() {
    if (holder != null) {
      holder.destroyForcibly();
    }
    if (restarted != null) {
      restarted.close();
    }
  }

  @Test
  void theNextStartStopsWhatAKilledLauncherLeftAndKeepsTheData() throws Exception {
    Infrastructure.Ports ports = Infrastructure.Ports.free();
    holder = startHolder(ports);
    Map<String, Long> first = awaitProcessIds(holder);
    try (Connection db = database(ports);
        Statement sql = db.createStatement()) {
      sql.execute("create table survivor (id int)");
      sql.execute("insert into survivor values (42)");
    }

    holder.destroyForcibly().waitFor();
    assertTrue(alive(first.get("postgres")), "PostgreSQL outlives its launcher");
    assertTrue(alive(first.get("redis")), "Redis outlives its launcher");

    restarted = Infrastructure.forLocalStack(dataDir, ports);

    assertFalse(alive(first.get("postgres")), "the old PostgreSQL was stopped");
    assertFalse(alive(first.get("redis")), "the old Redis was stopped");
    assertFalse(alive(first.get("kafka")), "the old broker is gone");
    try (Connection db = restarted.jdbc();
        Statement sql = db.createStatement();
        ResultSet kept = sql.executeQuery("select id from survivor")) {
      assertTrue(kept.next());
      assertEquals(42, kept.getInt(1));
    }
    assertEquals(
        restarted.processIds().keySet(), first.keySet(), "every server runs again, on its data");
  }

  private Process startHolder(Infrastructure.Ports ports) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(
            Stream.concat(
                    Stream.of(
                        java.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        DurableStackHolder.class.getName(),
                        dataDir.toString()),
                    Stream.of(
                            ports.kafka(), ports.kafkaController(), ports.postgres(), ports.redis())
                        .map(String::valueOf))
                .toList())
        .redirectErrorStream(true)
        .redirectOutput(Files.createFile(dataDir.resolve("holder.log")).toFile())
        .start();
  }

  /** The holder's line {@code holding {kafka=1, postgres=2, redis=3}}. */
  private Map<String, Long> awaitProcessIds(Process process) {
    Path log = dataDir.resolve("holder.log");
    String line =
        await()
            .atMost(Duration.ofMinutes(2))
            .until(() -> readyLine(log), ready -> ready != null && process.isAlive());
    return Stream.of(line.substring(line.indexOf('{') + 1, line.indexOf('}')).split(", "))
        .map(pair -> pair.split("="))
        .collect(Collectors.toMap(pair -> pair[0], pair -> Long.parseLong(pair[1])));
  }

  private static String readyLine(Path log) throws IOException {
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(Files.newInputStream(log), StandardCharsets.UTF_8))) {
      return reader
          .lines()
          .filter(line -> line.startsWith(DurableStackHolder.READY))
          .findFirst()
          .orElse(null);
    }
  }

  /** As the superuser, with the password the durable stack keeps in its data directory. */
  private Connection database(Infrastructure.Ports ports) throws SQLException, IOException {
    PGSimpleDataSource database = new PGSimpleDataSource();
    database.setURL(
        "jdbc:postgresql://127.0.0.1:" + ports.postgres() + "/" + PostgresServer.DATABASE);
    database.setUser("postgres");
    database.setPassword(Files.readString(dataDir.resolve("postgres-password")).trim());
    return database.getConnection();
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
