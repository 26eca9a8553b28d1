package io.orderflow.api.security;

import static io.orderflow.api.security.CredentialsRejectedException.BAD_CURRENT_PASSWORD;

import io.orderflow.api.domain.Account;
import io.orderflow.api.domain.ThrottledException;
import io.orderflow.api.persistence.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/** Registration and password login. */
@ApplicationScoped
public class AccountService {
  private static final Logger LOG = Logger.getLogger(AccountService.class);

  private final UserRepository users;
  private final PasswordHasher passwords;
  private final LoginThrottle throttle;
  private final RequestLimits limits;
  private final Sessions sessions;

  AccountService(
      UserRepository users,
      PasswordHasher passwords,
      LoginThrottle throttle,
      RequestLimits limits,
      Sessions sessions) {
    this.users = users;
    this.passwords = passwords;
    this.throttle = throttle;
    this.limits = limits;
    this.sessions = sessions;
  }

  /** The account with this id, whatever its state. */
  public Optional<Account> account(long userId) {
    return users.accountById(userId);
  }

  /**
   * A new customer account; {@link EmailAlreadyRegisteredException} when the email is taken, {@link
   * ThrottledException} when the address registered too often.
   */
  public Account register(String email, String password, String fullName, String address) {
    limits.chargeRegistration(address);
    Account account =
        users
            .insert(email, passwords.hash(password), fullName, CurrentUser.CUSTOMER)
            .orElseThrow(EmailAlreadyRegisteredException::new);
    LOG.infof("user %d registered", account.id());
    return account;
  }

  /**
   * The active account with this email and password. Unknown email, wrong password and disabled
   * account get the same answer after the same work.
   */
  public Account authenticate(String email, String password, String address) {
    throttle.reserve(email, address);
    Optional<Account> account = users.accountByEmail(email);
    boolean valid =
        account.isPresent()
            ? passwords.matches(password, account.get().passwordHash())
                && !account.get().isDisabled()
            : decoyCheck(password);
    if (!valid) {
      LOG.warnf(
          "failed login for %s from %s",
          account.map(a -> "user " + a.id()).orElse("an unknown email"), address);
      throw new CredentialsRejectedException(CredentialsRejectedException.BAD_PASSWORD);
    }
    throttle.succeeded(email, address);
    return account.get();
  }

  /**
   * Replaces the caller's password once the current one is proven, under the login throttle of the
   * account and address; every other session of the account ends, the caller's goes on.
   */
  public void changePassword(
      JsonWebToken caller,
      long userId,
      String currentPassword,
      String newPassword,
      String address) {
    Account account =
        users
            .accountById(userId)
            .filter(a -> !a.isDisabled())
            .orElseThrow(() -> new CredentialsRejectedException(BAD_CURRENT_PASSWORD));
    throttle.reserve(account.email(), address);
    if (!passwords.matches(currentPassword, account.passwordHash())) {
      LOG.warnf("failed password change for user %d from %s", userId, address);
      throw new CredentialsRejectedException(BAD_CURRENT_PASSWORD);
    }
    throttle.succeeded(account.email(), address);
    users.updatePasswordHash(userId, passwords.hash(newPassword));
    sessions.closeOthers(caller, userId);
    LOG.infof("user %d changed their password; their other sessions ended", userId);
  }

  private boolean decoyCheck(String password) {
    passwords.matchDecoy(password);
    return false;
  }
}
