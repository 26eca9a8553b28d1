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
   * The {@code kid} header of issued tokens. Needed once verification uses a JWK set with more than
   * one key (key rotation): smallrye-jwt then picks the key by {@code kid}.
   */
  Optional<String> signingKeyId();

  /** bcrypt cost (log2 of the rounds). */
  @WithDefault("12")
  int bcryptCost();

  Throttle throttle();

  Admin admin();

  /** Failed logins tolerated within {@link #window()} before answering 429. */
  interface Throttle {
    @WithDefault("5")
    int maxFailuresPerAccount();

    @WithDefault("50")
    int maxFailuresPerAddress();

    @WithDefault("PT15M")
    Duration window();
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
