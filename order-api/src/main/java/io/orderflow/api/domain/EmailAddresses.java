package io.orderflow.api.domain;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The one form an email is stored, looked up and throttled in: Unicode NFKC (full-width letters
 * become ASCII, a decomposed accent becomes the composed letter), then lower case in Java. The
 * database's {@code lower()} follows its locale (ASCII only under CloudNativePG's default {@code
 * C}), so look-alike forms of one address would otherwise make second accounts and dodge the login
 * throttle.
 */
public final class EmailAddresses {
  public static String normalised(String email) {
    return Normalizer.normalize(email, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
  }

  private EmailAddresses() {}
}
