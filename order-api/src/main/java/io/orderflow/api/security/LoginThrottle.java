package io.orderflow.api.security;

import io.orderflow.api.config.AuthConfig;
import io.orderflow.api.domain.EmailAddresses;
import io.orderflow.api.domain.ThrottledException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The lock-out policy (ADR 016). Failed logins count per account <em>and</em> address, so that an
 * attacker's guesses slow down only the attacker: after a few, each further attempt from that
 * address to that account waits a backoff that doubles, while the owner logs in from their own
 * address. A ceiling per address bounds the guesses one address spreads over many accounts.
 *
 * <p>An attempt is counted before the password is checked, atomically with the check of both
 * counts, and given back when it succeeds: of a parallel burst only the allowance is ever hashed.
 */
@ApplicationScoped
public class LoginThrottle {
  static final String REFUSAL = "Too many failed login attempts, retry later";

  private final Throttle throttle;
  private final Throttle.Rule perPair;
  private final Throttle.Rule perAddress;

  LoginThrottle(Throttle throttle, AuthConfig config) {
    AuthConfig.Throttling limits = config.throttle();
    this.throttle = throttle;
    this.perPair =
        Throttle.Rule.withBackoff(
            limits.failuresPerAccountAndAddress(),
            limits.backoff(),
            limits.maxBackoff(),
            limits.window());
    this.perAddress = Throttle.Rule.perWindow(limits.maxFailuresPerAddress(), limits.window());
  }

  /** Counts an attempt as failed until {@link #succeeded}; throws {@link ThrottledException}. */
  public void reserve(String email, String address) {
    throttle.acquire(REFUSAL, address, pair(email, address), address(address));
  }

  /** The owner got in: the pair starts afresh, and the address is not charged for it. */
  public void succeeded(String email, String address) {
    throttle.reset(pair(email, address));
    throttle.refund(address(address));
  }

  private Throttle.Counter pair(String email, String address) {
    return new Throttle.Counter(
        "login-pair",
        EmailAddresses.normalised(email) + "|" + ClientAddress.throttled(address),
        perPair);
  }

  private Throttle.Counter address(String address) {
    return new Throttle.Counter("login-address", ClientAddress.throttled(address), perAddress);
  }
}
