package io.orderflow.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/** Random passwords for the stack's servers and accounts; none is ever committed or printed. */
final class Secrets {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

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
    if (!Files.exists(file)) {
      writeOwnerOnly(file, random());
    }
    try {
      return Files.readString(file).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot keep a secret in " + file, e);
    }
  }

  /** Writes a file that holds a secret, readable and writable by its owner only. */
  static void writeOwnerOnly(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      if (!Files.exists(file)) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      }
      // also a file written before it held a secret
      Files.setPosixFilePermissions(file, OWNER_ONLY);
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the secret file " + file, e);
    }
  }

  /** Deletes a file that held a secret only for a moment. */
  static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete the secret file " + file, e);
    }
  }

  private Secrets() {}
}
