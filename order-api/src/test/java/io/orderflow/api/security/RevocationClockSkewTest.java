package io.orderflow.api.security;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.api.config.AuthConfig;
import io.orderflow.stack.InfrastructureTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Base64;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The verifier accepts a token up to {@code mp.jwt.verify.clock.skew} past its {@code exp}; a
 * revoked token must stay refused for exactly that long too.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureTestResource.class)
class RevocationClockSkewTest {
  private static final String PROTECTED = "/api/v1/orders/my-orders";

  @Inject RedisDataSource redis;
  @Inject AuthConfig config;

  @ConfigProperty(name = "mp.jwt.verify.clock.skew")
  int clockSkewSeconds;

  @Test
  void aTokenPastItsExpiryButWithinTheSkewIsDeniedByLogout() {
    long now = Instant.now().getEpochSecond();
    String token =
        Jwt.subject("7")
            .groups("customer")
            .issuedAt(now - 120)
            .expiresAt(now - clockSkewSeconds / 2)
            .sign();
    given().auth().oauth2(token).get(PROTECTED).then().statusCode(200);

    given().auth().oauth2(token).post("/api/v1/auth/logout").then().statusCode(204);

    given().auth().oauth2(token).get(PROTECTED).then().statusCode(401);
  }

  @Test
  void denyListEntriesOutliveExpiryByTheSkew() {
    String email = AuthApi.uniqueEmail();
    AuthApi.registered(email);
    String token = AuthApi.loggedIn(email, AuthApi.PASSWORD).get("access_token").toString();
    JsonPath claims =
        JsonPath.from(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), UTF_8));

    // Read the clock around the logout and the reads: seconds may tick between any two steps.
    long beforeLogout = Instant.now().getEpochSecond();
    AuthApi.logout(token).statusCode(204);
    long tokenTtl = redis.key().ttl("auth:denied:token:" + claims.getString("jti"));
    long sessionTtl = redis.key().ttl(TokenDenyList.sessionKey(claims.getString("sid")));
    long afterReads = Instant.now().getEpochSecond();

    long deniedUntil = claims.getLong("exp") + clockSkewSeconds;
    long sessionEntryLifetime = config.accessTokenLifetime().toSeconds() + clockSkewSeconds;
    long elapsed = afterReads - beforeLogout;
    assertThat(tokenTtl).isBetween(deniedUntil - afterReads - 1, deniedUntil - beforeLogout);
    assertThat(sessionTtl).isBetween(sessionEntryLifetime - elapsed - 1, sessionEntryLifetime);
  }
}
