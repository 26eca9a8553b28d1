package io.orderflow.api.security;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.Matchers.equalTo;

import io.orderflow.stack.InfrastructureTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Forged, stale and revoked bearer tokens: every one is a 401, never a partial success. */
@QuarkusTest
@QuarkusTestResource(InfrastructureTestResource.class)
class TokenAttackTest {
  private static final String PROTECTED = "/api/v1/orders/my-orders";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODE = Base64.getUrlDecoder();
  private static final String CLAIMS =
      "{\"iss\":\"orderflow\",\"aud\":\"orderflow-api\",\"sub\":\"7\",\"groups\":[\"customer\"],"
          + "\"jti\":\"forged\",\"iat\":"
          + Instant.now().getEpochSecond()
          + ",\"exp\":"
          + (Instant.now().getEpochSecond() + 600)
          + "}";

  static Stream<Arguments> attacks() {
    return Stream.of(
        attack("alg none, no signature", () -> unsigned("{\"alg\":\"none\"}") + "."),
        attack("signed by another key", () -> valid().sign(otherKey())),
        attack(
            "HS256 with the public key as the HMAC secret",
            () -> hmacSignedWithThePublicKey(unsigned("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"))),
        attack("expired", () -> valid().expiresAt(Instant.now().minusSeconds(600)).sign()),
        attack("wrong issuer", () -> valid().issuer("someone-else").sign()),
        attack("wrong audience", () -> valid().audience("another-api").sign()),
        attack("groups changed to admin after signing", TokenAttackTest::promotedToAdmin),
        attack(
            "without jti (could not be revoked)",
            () -> rsaSigned(CLAIMS.replace("\"jti\":\"forged\",", ""))),
        attack("not a JWT", () -> "not-a-jwt"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("attacks")
  void forgedOrStaleTokenIs401(String attack, Supplier<String> token) {
    given()
        .auth()
        .oauth2(token.get())
        .get(PROTECTED)
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", "Bearer")
        .body("detail", equalTo("Invalid or expired access token"));
  }

  @Test
  void theUntamperedTokenIsAccepted() {
    given().auth().oauth2(valid().sign()).get(PROTECTED).then().statusCode(200);
    given().auth().oauth2(rsaSigned(CLAIMS)).get(PROTECTED).then().statusCode(200);
  }

  @Test
  void aDenyListedJtiIs401() {
    String token = valid().sign();
    given().auth().oauth2(token).get(PROTECTED).then().statusCode(200);

    given()
        .auth()
        .oauth2(token)
        .contentType(io.restassured.http.ContentType.JSON)
        .post("/api/v1/auth/logout")
        .then()
        .statusCode(204);

    given().auth().oauth2(token).get(PROTECTED).then().statusCode(401);
  }

  private static Arguments attack(String name, Supplier<String> token) {
    return Arguments.of(name, token);
  }

  private static io.smallrye.jwt.build.JwtClaimsBuilder valid() {
    return Jwt.subject("7").groups("customer").expiresIn(600);
  }

  private static String unsigned(String header) {
    return B64.encodeToString(header.getBytes(UTF_8))
        + "."
        + B64.encodeToString(CLAIMS.getBytes(UTF_8));
  }

  private static String promotedToAdmin() {
    String[] parts = valid().sign().split("\\.");
    String claims =
        new String(B64_DECODE.decode(parts[1]), UTF_8).replace("\"customer\"", "\"admin\"");
    return parts[0] + "." + B64.encodeToString(claims.getBytes(UTF_8)) + "." + parts[2];
  }

  private static String hmacSignedWithThePublicKey(String signingInput) {
    try {
      byte[] publicKey =
          Files.readAllBytes(InfrastructureTestResource.infrastructure().keys().publicKey());
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(publicKey, "HmacSHA256"));
      return signingInput + "." + B64.encodeToString(mac.doFinal(signingInput.getBytes(UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Signed with the real key, with claims smallrye-jwt-build would not produce. */
  private static String rsaSigned(String claims) {
    String signingInput =
        B64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(UTF_8))
            + "."
            + B64.encodeToString(claims.getBytes(UTF_8));
    try {
      String pem =
          Files.readString(InfrastructureTestResource.infrastructure().keys().privateKey())
              .replaceAll("-----[A-Z ]+-----", "")
              .replaceAll("\\s", "");
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(
          KeyFactory.getInstance("RSA")
              .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem))));
      rsa.update(signingInput.getBytes(UTF_8));
      return signingInput + "." + B64.encodeToString(rsa.sign());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static java.security.PrivateKey otherKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair().getPrivate();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
