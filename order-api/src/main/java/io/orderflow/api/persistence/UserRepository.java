package io.orderflow.api.persistence;

import io.agroal.api.AgroalDataSource;
import io.orderflow.api.security.Account;
import io.orderflow.api.service.DependencyUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;

/** The {@code users} table. Emails are compared without regard to case. */
@ApplicationScoped
public class UserRepository {
  private static final String UNIQUE_VIOLATION = "23505";
  private static final String COLUMNS =
      "id, email, password_hash, full_name, role, created_at, disabled_at";

  private final AgroalDataSource dataSource;

  UserRepository(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The new account, or empty when the email is already registered. */
  public Optional<Account> insert(String email, String passwordHash, String fullName, String role) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO users (email, password_hash, full_name, role) VALUES (?, ?, ?, ?)"
                    + " RETURNING "
                    + COLUMNS)) {
      insert.setString(1, email);
      insert.setString(2, passwordHash);
      insert.setString(3, fullName);
      insert.setString(4, role);
      try (ResultSet rs = insert.executeQuery()) {
        rs.next();
        return Optional.of(accountOf(rs));
      }
    } catch (SQLException e) {
      if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
        return Optional.empty();
      }
      throw new DependencyUnavailableException("database", e);
    }
  }

  public Optional<Account> findByEmail(String email) {
    return findOne("lower(email) = lower(?)", email);
  }

  public Optional<Account> findById(long id) {
    return findOne("id = ?", id);
  }

  private Optional<Account> findOne(String condition, Object value) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE " + condition)) {
      select.setObject(1, value);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? Optional.of(accountOf(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new DependencyUnavailableException("database", e);
    }
  }

  private static Account accountOf(ResultSet rs) throws SQLException {
    Timestamp disabledAt = rs.getTimestamp("disabled_at");
    return new Account(
        rs.getLong("id"),
        rs.getString("email"),
        rs.getString("password_hash"),
        rs.getString("full_name"),
        rs.getString("role"),
        rs.getTimestamp("created_at").toInstant(),
        disabledAt == null ? null : disabledAt.toInstant());
  }
}
