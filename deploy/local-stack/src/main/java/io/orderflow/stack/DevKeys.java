package io.orderflow.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * The RSA key pair the services sign and verify JWTs with, as PEM files. Generated on first use and
 * kept, so that tokens stay valid across restarts of the local stack.
 *
 * @param privateKey PKCS#8 ("BEGIN PRIVATE KEY"), readable only by the owner
 * @param publicKey X.509 SubjectPublicKeyInfo ("BEGIN PUBLIC KEY")
 */
public record DevKeys(Path privateKey, Path publicKey) {

  /** The key pair in the directory, generated if it is not there yet. */
  public static DevKeys in(Path directory) {
    Path dir = directory.toAbsolutePath();
    DevKeys keys = new DevKeys(dir.resolve("privateKey.pem"), dir.resolve("publicKey.pem"));
    if (!Files.exists(keys.privateKey()) || !Files.exists(keys.publicKey())) {
      keys.generate();
    }
    return keys;
  }

  private void generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      Files.createDirectories(privateKey.getParent());
      Files.deleteIfExists(privateKey);
      Files.createFile(
          privateKey,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
      Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot generate an RSA key pair", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the keys to " + privateKey.getParent(), e);
    }
  }

  private static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
