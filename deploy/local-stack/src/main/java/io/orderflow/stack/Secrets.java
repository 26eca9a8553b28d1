package io.orderflow.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** Random passwords for the stack's servers and accounts; none is ever committed or printed. */
final class Secrets {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** 144 random bits, URL-safe so that it fits a URL, a properties file and a redis.conf line. */
  static String random() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * The secret kept in {@code file} (owner-only), made at first use: for servers whose data
   * outlives a run and so must find the same password at the next start.
   */
  static String keptIn(Path file) {
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(file.getParent());
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, random());
      }
      return Files.readString(file).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot keep a secret in " + file, e);
    }
  }

  private Secrets() {}
}
