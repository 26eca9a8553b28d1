package io.orderflow.api.security;

import io.orderflow.api.config.AuthConfig;
import io.orderflow.api.domain.ThrottledException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Allowances per client address of the endpoints that cost work without a password check first:
 * registration (a bcrypt hash and an account each) and token refresh (ADR 016).
 */
@ApplicationScoped
public class RequestLimits {
  private final Throttle throttle;
  private final Throttle.Rule registrations;
  private final Throttle.Rule refreshes;

  RequestLimits(Throttle throttle, AuthConfig config) {
    AuthConfig.Throttling limits = config.throttle();
    this.throttle = throttle;
    this.registrations =
        Throttle.Rule.perWindow(limits.registrationsPerAddress(), limits.registrationWindow());
    this.refreshes = Throttle.Rule.perWindow(limits.refreshesPerAddress(), limits.refreshWindow());
  }

  /** Throws {@link ThrottledException} once the address used up its registrations. */
  public void chargeRegistration(String address) {
    throttle.acquire(
        "Too many registrations, retry later",
        address,
        new Throttle.Counter("register-address", ClientAddress.throttled(address), registrations));
  }

  /** Throws {@link ThrottledException} once the address used up its refreshes. */
  public void chargeRefresh(String address) {
    throttle.acquire(
        "Too many token refreshes, retry later",
        address,
        new Throttle.Counter("refresh-address", ClientAddress.throttled(address), refreshes));
  }
}
