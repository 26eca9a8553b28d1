package io.orderflow.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevKeysTest {

  @Test
  void generatesAMatchingPemKeyPairOnceAndKeepsIt(@TempDir Path dir) throws Exception {
    DevKeys keys = DevKeys.in(dir);
    String privatePem = Files.readString(keys.privateKey());
    String publicPem = Files.readString(keys.publicKey());
    assertTrue(privatePem.startsWith("-----BEGIN PRIVATE KEY-----\n"));
    assertTrue(publicPem.startsWith("-----BEGIN PUBLIC KEY-----\n"));
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.privateKey())));

    KeyFactory rsa = KeyFactory.getInstance("RSA");
    Signature signer = Signature.getInstance("SHA256withRSA");
    signer.initSign(rsa.generatePrivate(new PKCS8EncodedKeySpec(der(privatePem))));
    signer.update(new byte[] {1, 2, 3});
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(rsa.generatePublic(new X509EncodedKeySpec(der(publicPem))));
    verifier.update(new byte[] {1, 2, 3});
    assertTrue(verifier.verify(signature));

    DevKeys.in(dir);
    assertEquals(privatePem, Files.readString(keys.privateKey()));
  }

  private static byte[] der(String pem) {
    return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
  }
}
