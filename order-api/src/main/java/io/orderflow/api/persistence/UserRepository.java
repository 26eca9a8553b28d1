package io.orderflow.api.persistence;

import io.orderflow.api.domain.Account;
import io.orderflow.api.domain.EmailAddresses;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The {@code users} table through Panache. Emails are stored and looked up in their normalised form
 * ({@link EmailAddresses}); an account registered before that is still found as the database's
 * {@code lower()} folds it. Both lookups use the index on {@code lower(email)}.
 */
@ApplicationScoped
public class UserRepository implements PanacheRepository<UserEntity> {
  private static final String UNIQUE_VIOLATION = "23505";

  /** The new account, or empty when the email is already registered. */
  public Optional<Account> insert(String email, String passwordHash, String fullName, String role) {
    UserEntity user = new UserEntity();
    user.email = EmailAddresses.normalised(email);
    user.passwordHash = passwordHash;
    user.fullName = fullName;
    user.role = role;
    try {
      return Optional.of(
          QuarkusTransaction.requiringNew()
              .call(
                  () -> {
                    persist(user);
                    flush();
                    return user.toAccount();
                  }));
    } catch (RuntimeException e) {
      if (isUniqueViolation(e)) {
        return Optional.empty();
      }
      throw PanacheCalls.unavailable(e);
    }
  }

  /** Stores a new password hash for the account. */
  public void updatePasswordHash(long id, String passwordHash) {
    try {
      QuarkusTransaction.requiringNew()
          .run(() -> update("passwordHash = ?1 where id = ?2", passwordHash, id));
    } catch (RuntimeException e) {
      throw PanacheCalls.unavailable(e);
    }
  }

  public Optional<Account> accountByEmail(String email) {
    return PanacheCalls.read(
        () ->
            find(
                    "lower(email) = ?1 or lower(email) = lower(?2)",
                    EmailAddresses.normalised(email),
                    email)
                .firstResultOptional()
                .map(UserEntity::toAccount));
  }

  public Optional<Account> accountById(long id) {
    return PanacheCalls.read(() -> findByIdOptional(id).map(UserEntity::toAccount));
  }

  private static boolean isUniqueViolation(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
