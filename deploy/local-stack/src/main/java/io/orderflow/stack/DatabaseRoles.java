package io.orderflow.stack;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gives each service its own role and schema in a database, run as its superuser (ADR 028): PUBLIC
 * loses its rights on the database and on {@code public}, each role may connect and owns its schema
 * and nothing else.
 */
public final class DatabaseRoles {
  private static final String RELATIONS_OWNED_BY_OTHERS =
      "SELECT format('ALTER %s %I.%I OWNER TO %I', CASE c.relkind WHEN 'v' THEN 'VIEW'"
          + " WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END,"
          + " n.nspname, c.relname, r.rolname)"
          + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " JOIN pg_roles r ON r.rolname = ?"
          + " WHERE n.nspname = ? AND c.relowner <> r.oid AND c.relkind = ANY (?::\"char\"[])";

  /**
   * The statements that lay out the roles and their schemas, each safe to run again: the cluster's
   * bootstrap SQL ({@code postInitApplicationSQL}) is exactly this list for {@link
   * ServiceRole#DEPLOYED}. The roles are made without login; whoever runs this gives them their
   * login and password (the local stack below, CloudNativePG's managed roles in the cluster).
   */
  public static List<String> layout(String database, List<ServiceRole> roles) {
    List<String> statements = new ArrayList<>();
    statements.add("REVOKE ALL ON DATABASE " + database + " FROM PUBLIC");
    statements.add("REVOKE ALL ON SCHEMA public FROM PUBLIC");
    for (ServiceRole role : roles) {
      statements.add(
          "DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '"
              + role.name()
              + "') THEN CREATE ROLE "
              + role.name()
              + "; END IF; END$$");
      statements.add("GRANT CONNECT ON DATABASE " + database + " TO " + role.name());
      statements.add(
          "CREATE SCHEMA IF NOT EXISTS " + role.schema() + " AUTHORIZATION " + role.name());
      statements.add("ALTER SCHEMA " + role.schema() + " OWNER TO " + role.name());
    }
    return statements;
  }

  /**
   * Lays out the roles in the connection's database, lets each log in with its password, and hands
   * it whatever in its schema another role owns: a database from before the roles, where one role
   * owned every schema, is converted on its first start with them.
   */
  static void provision(Connection superuser, Map<ServiceRole, String> passwords)
      throws SQLException {
    List<ServiceRole> roles = List.copyOf(passwords.keySet());
    try (Statement statement = superuser.createStatement()) {
      for (String sql : layout(superuser.getCatalog(), roles)) {
        statement.execute(sql);
      }
    }
    for (ServiceRole role : roles) {
      letLogIn(superuser, role, passwords.get(role));
      // tables and views first: each takes the sequences of its columns along
      handOver(superuser, role, "{r,p,v,m}");
      handOver(superuser, role, "{S}");
    }
  }

  private static void handOver(Connection superuser, ServiceRole role, String kinds)
      throws SQLException {
    List<String> alters = new ArrayList<>();
    try (PreparedStatement query = superuser.prepareStatement(RELATIONS_OWNED_BY_OTHERS)) {
      query.setString(1, role.name());
      query.setString(2, role.schema());
      query.setString(3, kinds);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          alters.add(rows.getString(1));
        }
      }
    }
    try (Statement statement = superuser.createStatement()) {
      for (String alter : alters) {
        statement.execute(alter);
      }
    }
  }

  /** The password is quoted by PostgreSQL's format(), since ALTER ROLE takes no parameters. */
  private static void letLogIn(Connection superuser, ServiceRole role, String password)
      throws SQLException {
    String sql;
    try (PreparedStatement writer =
        superuser.prepareStatement(
            "SELECT format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %L',"
                + " ?::text, ?::text)")) {
      writer.setString(1, role.name());
      writer.setString(2, password);
      try (ResultSet written = writer.executeQuery()) {
        written.next();
        sql = written.getString(1);
      }
    }
    try (Statement statement = superuser.createStatement()) {
      statement.execute(sql);
    }
  }

  private DatabaseRoles() {}
}
