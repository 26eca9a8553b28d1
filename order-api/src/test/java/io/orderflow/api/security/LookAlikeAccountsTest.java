package io.orderflow.api.security;

import static io.orderflow.api.security.AuthApi.PASSWORD;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.orderflow.stack.InfrastructureTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One person, one account: look-alike emails and names that show nothing are refused. */
@QuarkusTest
@QuarkusTestResource(InfrastructureTestResource.class)
class LookAlikeAccountsTest {

  @Test
  void aFullWidthFormOfATakenEmailIsTaken() {
    String local = "fw" + UUID.randomUUID().toString().substring(0, 8);
    AuthApi.registered(local + "@example.com");

    register(fullWidth(local) + "@example.com").statusCode(409);
    AuthApi.login(fullWidth(local) + "@example.com", PASSWORD).statusCode(200);
  }

  @Test
  void aDecomposedAccentAndOtherCaseOfATakenEmailAreTaken() {
    String id = UUID.randomUUID().toString().substring(0, 8);
    AuthApi.registered("jos\u00e9-" + id + "@example.com"); // a composed é

    register("jose\u0301-" + id + "@example.com").statusCode(409);
    register("JOS\u00c9-" + id + "@EXAMPLE.COM").statusCode(409);
    AuthApi.login("JOSE\u0301-" + id + "@example.com", PASSWORD).statusCode(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u3164", "\u115f\u1160", "\u2800\u2800", "\u00a0", "\u3000 \u00a0"})
  void aNameThatShowsNothingIs400(String name) {
    AuthApi.register(
            Map.of("email", AuthApi.uniqueEmail(), "password", PASSWORD, "full_name", name))
        .statusCode(400)
        .body("errors.field", hasItem("full_name"));
  }

  @Test
  void aNameWithANoBreakSpaceInsideIsFine() {
    AuthApi.register(
            Map.of(
                "email", AuthApi.uniqueEmail(), "password", PASSWORD, "full_name", "Ada\u00a0L."))
        .statusCode(201)
        .body("full_name", equalTo("Ada\u00a0L."));
  }

  private static ValidatableResponse register(String email) {
    return AuthApi.register(
        Map.of("email", email, "password", PASSWORD, "full_name", "Look Alike"));
  }

  private static String fullWidth(String ascii) {
    StringBuilder wide = new StringBuilder();
    ascii.chars().forEach(c -> wide.append(c == '-' ? '-' : (char) (c - 0x21 + 0xFF01)));
    return wide.toString();
  }
}
