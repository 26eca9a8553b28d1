package io.orderflow.api.security;

import io.orderflow.api.config.AuthConfig;
import io.orderflow.api.domain.Account;
import io.orderflow.api.persistence.UserRepository;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Creates the admin account from configuration ({@code ORDERFLOW_AUTH_ADMIN_EMAIL}, {@code
 * ORDERFLOW_AUTH_ADMIN_PASSWORD}) when it does not exist yet. There is no built-in password:
 * without one configured, no admin is created. An existing admin is never changed. order-api
 * refuses to start with the Secret template's placeholder or a short password, and when the admin
 * email belongs to an account that is not an admin (someone registered it first): an operator must
 * see that, not find out later that there is no admin.
 */
@ApplicationScoped
class AdminBootstrap {
  static final int MIN_PASSWORD_LENGTH = 12;
  private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);
  private static final String TEMPLATE_PLACEHOLDER = "replace_me";

  void onStart(
      @Observes StartupEvent start,
      AuthConfig config,
      UserRepository users,
      PasswordHasher passwords) {
    AuthConfig.Admin admin = config.admin();
    if (admin.password().isEmpty()) {
      LOG.info("no admin account created: orderflow.auth.admin.password is not set");
      return;
    }
    Optional<Account> existing = users.accountByEmail(admin.email());
    Optional<String> refusal = refusal(admin.email(), admin.password().get(), existing);
    if (refusal.isPresent()) {
      throw new IllegalStateException(refusal.get());
    }
    if (existing.isPresent()) {
      return;
    }
    users
        .insert(
            admin.email(),
            passwords.hash(admin.password().get()),
            admin.fullName(),
            CurrentUser.ADMIN)
        .ifPresent(
            account ->
                LOG.infof("admin account %s created as user %d", admin.email(), account.id()));
  }

  /** Why the configured admin cannot be set up, if it cannot. */
  static Optional<String> refusal(String email, String password, Optional<Account> existing) {
    if (password.toLowerCase(Locale.ROOT).contains(TEMPLATE_PLACEHOLDER)) {
      return Optional.of(
          "orderflow.auth.admin.password is the Secret template's placeholder: set a real one");
    }
    if (password.length() < MIN_PASSWORD_LENGTH) {
      return Optional.of(
          "orderflow.auth.admin.password is shorter than "
              + MIN_PASSWORD_LENGTH
              + " characters: set a longer one");
    }
    return existing
        .filter(account -> !CurrentUser.ADMIN.equals(account.role()))
        .map(
            account ->
                "orderflow.auth.admin.email "
                    + email
                    + " belongs to user "
                    + account.id()
                    + ", who is not an admin (registered before the admin was created?):"
                    + " choose another admin email, or disable that account");
  }
}
