package io.orderflow.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Mints RS256 access tokens with the dev private key, as order-api expects them (issuer {@code
 * orderflow}, audience {@code orderflow-api}). For tests and the local stack only.
 */
public final class DevTokens {
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  public static String mint(Path privateKeyPem, long userId, String role, Duration lifetime) {
    long now = Instant.now().getEpochSecond();
    String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
    String claims =
        String.format(
            "{\"iss\":\"orderflow\",\"aud\":\"orderflow-api\",\"sub\":\"%d\",\"groups\":[\"%s\"],"
                + "\"iat\":%d,\"exp\":%d,\"jti\":\"%s\"}",
            userId, role, now, now + lifetime.toSeconds(), UUID.randomUUID());
    String signingInput = encode(header) + "." + encode(claims);
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(readKey(privateKeyPem));
      rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + URL.encodeToString(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a token with " + privateKeyPem, e);
    }
  }

  private static PrivateKey readKey(Path pem) throws GeneralSecurityException {
    try {
      String base64 =
          Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      return KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String encode(String json) {
    return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private DevTokens() {}
}
