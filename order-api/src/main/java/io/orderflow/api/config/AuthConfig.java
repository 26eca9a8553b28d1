package io.orderflow.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Accounts, tokens and login throttling. */
@ConfigMapping(prefix = "orderflow.auth")
public interface AuthConfig {

  /** Lifetime of an access token (its {@code exp}). */
  @WithDefault("PT15M")
  Duration accessTokenLifetime();

  /** How long an unused refresh token stays valid; every refresh starts it again. */
  @WithDefault("P7D")
  Duration refreshTokenLifetime();

  /**
   * Live sessions (refresh-token families) one account may hold; a login beyond it ends the session
   * used longest ago, so that logins cannot fill Redis.
   */
  @WithDefault("10")
  int maxSessionsPerAccount();

  /**
   * The {@code kid} header of issued tokens. Needed once verification uses a JWK set with more than
   * one key (key rotation): smallrye-jwt then picks the key by {@code kid}.
   */
  Optional<String> signingKeyId();

  /** bcrypt cost (log2 of the rounds). */
  @WithDefault("12")
  int bcryptCost();

  Throttling throttle();

  Admin admin();

  /** Allowances of the endpoints open without a token, per client address (ADR 016). */
  interface Throttling {
    /** Failed logins to one account from one address before each further attempt must wait. */
    @WithDefault("5")
    int failuresPerAccountAndAddress();

    /** The first such wait; it doubles with every further failure. */
    @WithDefault("PT1S")
    Duration backoff();

    @WithDefault("PT15M")
    Duration maxBackoff();

    /** Failed logins from one address, to any account, within {@link #window()} before 429. */
    @WithDefault("50")
    int maxFailuresPerAddress();

    /**
     * The window of {@link #maxFailuresPerAddress()}; an account and address pair forgets its
     * failures after this long without attempts.
     */
    @WithDefault("PT15M")
    Duration window();

    /** Registrations (a bcrypt hash each) from one address within {@link #registrationWindow()}. */
    @WithDefault("10")
    int registrationsPerAddress();

    @WithDefault("PT1H")
    Duration registrationWindow();

    /** Token refreshes from one address within {@link #refreshWindow()}. */
    @WithDefault("60")
    int refreshesPerAddress();

    @WithDefault("PT1M")
    Duration refreshWindow();
  }

  /** The admin account created at first start; none without a password. */
  interface Admin {
    @WithDefault("admin@orderflow.local")
    String email();

    Optional<String> password();

    @WithDefault("Administrator")
    String fullName();
  }
}
