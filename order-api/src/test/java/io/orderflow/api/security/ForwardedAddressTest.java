package io.orderflow.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.stack.InfrastructureTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Behind a trusted proxy the forwarded address counts; from anyone else the header is ignored. */
@QuarkusTest
@QuarkusTestResource(InfrastructureTestResource.class)
@TestProfile(ForwardedAddressTest.BehindAProxy.class)
class ForwardedAddressTest {
  private static final String PROXY = "127.0.0.2";
  private static final String CLIENT = "198.51.100.23";

  public static class BehindAProxy implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.http.proxy.proxy-address-forwarding", "true",
          "quarkus.http.proxy.allow-x-forwarded", "true",
          "quarkus.http.proxy.trusted-proxies", PROXY);
    }
  }

  @Test
  void theAddressATrustedProxyForwardsIsTheClients() {
    assertThat(failedLoginLoggedFrom(PROXY)).contains("from " + CLIENT).doesNotContain(PROXY);
  }

  @Test
  void aForwardedHeaderFromAnUntrustedPeerChangesNothing() {
    assertThat(failedLoginLoggedFrom("127.0.0.3"))
        .contains("from 127.0.0.3")
        .doesNotContain(CLIENT);
  }

  private static String failedLoginLoggedFrom(String peer) {
    String email = AuthApi.uniqueEmail();
    try (CapturedLogs logs = CapturedLogs.start()) {
      AuthApi.from(peer)
          .header("X-Forwarded-For", CLIENT)
          .contentType(ContentType.JSON)
          .body(Map.of("email", email, "password", "not the password"))
          .post("/api/v1/auth/login")
          .then()
          .statusCode(401);
      return logs.lines().stream()
          .filter(line -> line.startsWith("failed login"))
          .findFirst()
          .orElseThrow();
    }
  }
}
