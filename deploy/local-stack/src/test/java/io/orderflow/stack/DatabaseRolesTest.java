package io.orderflow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each service's role on the local PostgreSQL: its own schema and nothing else, a password always
 * (ADR 028). The tables stand in for the services' migrations, each created by its owner's role.
 */
class DatabaseRolesTest {
  private static final String PERMISSION_DENIED = "42501";

  @TempDir static Path dir;
  private static PostgresServer server;
  private static final Map<ServiceRole, String> PASSWORDS = passwords();

  @BeforeAll
  static void start() throws SQLException {
    server =
        PostgresServer.start(
            Infrastructure.Ports.free().postgres(),
            dir.resolve("postgres"),
            false,
            Secrets.random());
    try (Connection superuser = superuser(server)) {
      DatabaseRoles.provision(superuser, PASSWORDS);
    }
    run(ServiceRole.ORDER_API, "CREATE TABLE users (id bigserial PRIMARY KEY, role text)");
    run(ServiceRole.ORDER_API, "INSERT INTO users (role) VALUES ('customer')");
    run(ServiceRole.INVENTORY_WORKER, "CREATE TABLE products (id bigint PRIMARY KEY)");
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void theNotifierCanNeitherReadNorUpdateTheUsers() {
    assertDenied(ServiceRole.NOTIFICATION_CONSUMER, "SELECT role FROM sales.users");
    assertDenied(ServiceRole.NOTIFICATION_CONSUMER, "UPDATE sales.users SET role = 'admin'");
  }

  @Test
  void theWorkerCannotWriteSales() {
    assertDenied(ServiceRole.INVENTORY_WORKER, "INSERT INTO sales.users (role) VALUES ('admin')");
    assertDenied(ServiceRole.INVENTORY_WORKER, "CREATE TABLE sales.planted (id int)");
  }

  @Test
  void orderApiCannotWriteInventory() {
    assertDenied(ServiceRole.ORDER_API, "INSERT INTO inventory.products VALUES (1)");
    assertDenied(ServiceRole.ORDER_API, "CREATE TABLE inventory.planted (id int)");
  }

  @Test
  void noServiceCreatesAnythingOutsideItsSchema() {
    for (ServiceRole role : ServiceRole.ALL) {
      assertDenied(role, "CREATE TABLE public.planted (id int)");
      assertDenied(role, "CREATE SCHEMA planted");
      assertDenied(role, "CREATE TEMPORARY TABLE planted (id int)");
    }
  }

  @Test
  void eachServiceCreatesAndWritesInItsOwnSchema() throws SQLException {
    for (ServiceRole role : ServiceRole.ALL) {
      run(role, "CREATE TABLE " + role.schema() + ".own (id int)");
      run(role, "INSERT INTO " + role.schema() + ".own VALUES (1)");
      run(role, "DROP TABLE " + role.schema() + ".own");
    }
  }

  @Test
  void aConnectionWithoutTheRightPasswordIsRefused() {
    for (String user : new String[] {"postgres", ServiceRole.ORDER_API.name()}) {
      assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), user, null).close())
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("no password was provided");
      assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), user, "guess").close())
          .isInstanceOf(SQLException.class)
          .extracting(e -> ((SQLException) e).getSQLState())
          .isEqualTo("28P01");
    }
  }

  @Test
  void aDataDirectoryFromBeforeTheRolesIsConverted(@TempDir Path oldDir) throws Exception {
    int port = Infrastructure.Ports.free().postgres();
    Path data = oldDir.resolve("postgres");
    // as the stack left it before passwords: zonky's trust, every schema owned by the superuser
    try (EmbeddedPostgres old =
        EmbeddedPostgres.builder()
            .setPort(port)
            .setDataDirectory(data)
            .setCleanDataDirectory(false)
            .setRegisterShutdownHook(false)
            .start()) {
      try (Connection postgres = old.getPostgresDatabase().getConnection();
          Statement statement = postgres.createStatement()) {
        statement.execute("CREATE DATABASE " + PostgresServer.DATABASE);
      }
      try (Connection orderflow =
              old.getDatabase("postgres", PostgresServer.DATABASE).getConnection();
          Statement statement = orderflow.createStatement()) {
        statement.execute("CREATE SCHEMA sales");
        statement.execute("CREATE TABLE sales.users (id bigserial PRIMARY KEY, role text)");
        statement.execute("CREATE SEQUENCE sales.order_id_seq INCREMENT BY 50");
        statement.execute("CREATE VIEW sales.roles AS SELECT DISTINCT role FROM sales.users");
        statement.execute("INSERT INTO sales.users (role) VALUES ('customer')");
      }
    }

    PostgresServer converted = PostgresServer.start(port, data, false, Secrets.random());
    try {
      try (Connection superuser = superuser(converted)) {
        DatabaseRoles.provision(superuser, PASSWORDS);
        assertThat(
                single(
                    superuser,
                    "SELECT count(*) FROM pg_class c JOIN pg_namespace n"
                        + " ON n.oid = c.relnamespace WHERE n.nspname = 'sales'"
                        + " AND pg_get_userbyid(c.relowner) <> 'orderflow_api'"))
            .isEqualTo("0");
        assertThat(
                single(
                    superuser,
                    "SELECT count(*) FROM pg_hba_file_rules WHERE auth_method <> 'scram-sha-256'"))
            .isEqualTo("0");
      }
      try (Connection api =
              DriverManager.getConnection(
                  converted.jdbcUrl(), "orderflow_api", PASSWORDS.get(ServiceRole.ORDER_API));
          Statement statement = api.createStatement()) {
        statement.execute("INSERT INTO sales.users (role) VALUES ('customer')");
        statement.execute("SELECT nextval('sales.order_id_seq')");
        assertThat(single(api, "SELECT count(*) FROM sales.roles")).isEqualTo("1");
        statement.execute("ALTER TABLE sales.users ADD COLUMN migrated boolean");
      }
      assertThatThrownBy(
              () -> DriverManager.getConnection(converted.jdbcUrl(), "postgres", null).close())
          .isInstanceOf(SQLException.class);
    } finally {
      converted.stop();
    }
  }

  private static Map<ServiceRole, String> passwords() {
    Map<ServiceRole, String> passwords = new LinkedHashMap<>();
    ServiceRole.ALL.forEach(role -> passwords.put(role, Secrets.random()));
    return passwords;
  }

  private static Connection superuser(PostgresServer postgres) throws SQLException {
    return DriverManager.getConnection(
        postgres.jdbcUrl(), postgres.username(), postgres.password());
  }

  private static Connection as(ServiceRole role) throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl(), role.name(), PASSWORDS.get(role));
  }

  /** Runs a statement as the role, in its own schema unless the statement names another. */
  private static void run(ServiceRole role, String sql) throws SQLException {
    try (Connection connection = as(role);
        Statement statement = connection.createStatement()) {
      statement.execute("SET search_path = " + role.schema());
      statement.execute(sql);
    }
  }

  private static void assertDenied(ServiceRole role, String sql) {
    assertThatThrownBy(() -> run(role, sql))
        .as("%s: %s", role.name(), sql)
        .isInstanceOf(SQLException.class)
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo(PERMISSION_DENIED);
  }

  private static String single(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getString(1);
    }
  }
}
