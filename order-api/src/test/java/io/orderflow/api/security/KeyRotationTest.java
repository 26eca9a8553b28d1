package io.orderflow.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Key rotation as documented in docs/kubernetes.md: verification from a JWK set holding the current
 * and the next public key, tokens carrying the {@code kid} of the key that signed them ({@code
 * orderflow.auth.signing-key-id}).
 */
class KeyRotationTest {
  private final KeyPair current = rsaKeyPair();
  private final KeyPair next = rsaKeyPair();

  @Test
  void tokensOfBothKeysVerifyDuringTheRotation() throws ParseException {
    DefaultJWTParser parser = parserFor(jwks(jwk("current", current), jwk("next", next)));

    assertThat(parser.parse(signed("current", current)).getSubject()).isEqualTo("7");
    assertThat(parser.parse(signed("next", next)).getSubject()).isEqualTo("7");
  }

  @Test
  void aRetiredKeyOrAnUnknownKidIsRefused() {
    DefaultJWTParser parser = parserFor(jwks(jwk("next", next)));

    assertThatThrownBy(() -> parser.parse(signed("current", current)))
        .isInstanceOf(ParseException.class);
    assertThatThrownBy(() -> parser.parse(signed("next", current)))
        .isInstanceOf(ParseException.class);
  }

  private static DefaultJWTParser parserFor(String jwks) {
    JWTAuthContextInfo info = new JWTAuthContextInfo();
    info.setPublicKeyContent(jwks);
    info.setIssuedBy("orderflow");
    info.setExpectedAudience(Set.of("orderflow-api"));
    return new DefaultJWTParser(info);
  }

  private static String signed(String kid, KeyPair keys) {
    return Jwt.issuer("orderflow")
        .audience("orderflow-api")
        .subject("7")
        .groups("customer")
        .jws()
        .keyId(kid)
        .sign(keys.getPrivate());
  }

  private static String jwks(String... keys) {
    return "{\"keys\":[" + String.join(",", keys) + "]}";
  }

  private static String jwk(String kid, KeyPair keys) {
    RSAPublicKey key = (RSAPublicKey) keys.getPublic();
    return String.format(
        "{\"kty\":\"RSA\",\"kid\":\"%s\",\"alg\":\"RS256\",\"use\":\"sig\",\"n\":\"%s\",\"e\":\"%s\"}",
        kid, base64Url(key.getModulus()), base64Url(key.getPublicExponent()));
  }

  private static String base64Url(BigInteger value) {
    byte[] bytes = value.toByteArray();
    int skip = bytes[0] == 0 ? 1 : 0;
    byte[] unsigned = java.util.Arrays.copyOfRange(bytes, skip, bytes.length);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(unsigned);
  }

  private static KeyPair rsaKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
