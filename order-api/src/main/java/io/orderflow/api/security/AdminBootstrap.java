package io.orderflow.api.security;

import io.orderflow.api.config.AuthConfig;
import io.orderflow.api.persistence.UserRepository;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Creates the admin account from configuration ({@code ORDERFLOW_AUTH_ADMIN_EMAIL}, {@code
 * ORDERFLOW_AUTH_ADMIN_PASSWORD}) when it does not exist yet. There is no built-in password:
 * without one configured, no admin is created. An existing account is never changed.
 */
@ApplicationScoped
class AdminBootstrap {
  private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

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
    if (users.accountByEmail(admin.email()).isPresent()) {
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
}
