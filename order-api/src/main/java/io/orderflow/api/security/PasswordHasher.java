package io.orderflow.api.security;

import io.orderflow.api.config.AuthConfig;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * bcrypt hashes of passwords. bcrypt reads at most 72 bytes of a password; longer ones (the policy
 * allows 128 characters) are compared on their first 72 bytes.
 */
@ApplicationScoped
public class PasswordHasher {
  private final int cost;
  // Checked against when the account does not exist, so that an unknown email takes as long to
  // refuse as a wrong password and answers cannot be told apart by timing.
  private final String decoyHash;

  PasswordHasher(AuthConfig config) {
    this.cost = config.bcryptCost();
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    this.decoyHash = hash(Base64.getEncoder().encodeToString(random));
  }

  public String hash(String password) {
    return BcryptUtil.bcryptHash(password, cost);
  }

  public boolean matches(String password, String hash) {
    return BcryptUtil.matches(password, hash);
  }

  /** Spends the time of one password check without anything to check against. */
  public void matchDecoy(String password) {
    matches(password, decoyHash);
  }
}
