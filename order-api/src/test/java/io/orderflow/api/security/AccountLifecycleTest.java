package io.orderflow.api.security;

import static io.orderflow.api.security.AuthApi.PASSWORD;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.orderflow.api.OrderApiClient;
import io.orderflow.api.OrderBodies;
import io.orderflow.stack.InfrastructureTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(InfrastructureTestResource.class)
class AccountLifecycleTest {
  private static final Map<String, Object> ORDER = OrderBodies.valid();

  @Test
  void registerLoginOrderLogoutThenTheTokensAreDead() {
    String email = AuthApi.uniqueEmail();
    AuthApi.register(Map.of("email", email, "password", PASSWORD, "full_name", "Ada Lovelace"))
        .statusCode(201)
        .body("id", greaterThan(0))
        .body("email", equalTo(email))
        .body("full_name", equalTo("Ada Lovelace"))
        .body("role", equalTo("customer"))
        .body("created_at", notNullValue())
        .body("$", not(hasKey("password_hash")))
        .body("$", not(hasKey("password")));
    Map<String, Object> tokens = AuthApi.loggedIn(email, PASSWORD);
    Object access = tokens.get("access_token");

    given()
        .auth()
        .oauth2(access.toString())
        .contentType(ContentType.JSON)
        .body(ORDER)
        .post("/api/v1/orders/")
        .then()
        .statusCode(202);
    AuthApi.me(access).statusCode(200).body("email", equalTo(email));
    AuthApi.logout(access).statusCode(204);

    AuthApi.me(access)
        .statusCode(401)
        .header("WWW-Authenticate", "Bearer")
        .body("detail", equalTo("Invalid or expired access token"));
    AuthApi.refresh(tokens.get("refresh_token"))
        .statusCode(401)
        .body("detail", equalTo("Invalid or expired refresh token"));
  }

  @Test
  void loginAnswersInTheOAuth2Shape() {
    String email = AuthApi.uniqueEmail();
    AuthApi.registered(email);

    AuthApi.login(email, PASSWORD)
        .statusCode(200)
        .body("token_type", equalTo("bearer"))
        .body("expires_in", equalTo(900))
        .body("access_token", notNullValue())
        .body("refresh_token", notNullValue());
  }

  @Test
  void loginAcceptsTheOAuth2PasswordForm() {
    String email = AuthApi.uniqueEmail();
    AuthApi.registered(email);

    given()
        .contentType(ContentType.URLENC)
        .formParam("username", email.toUpperCase())
        .formParam("password", PASSWORD)
        .post("/api/v1/auth/login")
        .then()
        .statusCode(200)
        .body("token_type", equalTo("bearer"));
  }

  @Test
  void emailIsTakenRegardlessOfCase() {
    String email = AuthApi.uniqueEmail();
    AuthApi.registered(email);

    AuthApi.register(
            Map.of("email", email.toUpperCase(), "password", PASSWORD, "full_name", "Copy Cat"))
        .statusCode(409)
        .body("detail", equalTo("Email already registered"));
  }

  @Test
  void unknownEmailAndWrongPasswordGetTheSameAnswer() {
    String email = AuthApi.uniqueEmail();
    AuthApi.registered(email);

    for (String[] attempt :
        List.of(
            new String[] {email, "wrong password"},
            new String[] {"nobody@example.com", PASSWORD})) {
      AuthApi.login(attempt[0], attempt[1])
          .statusCode(401)
          .header("WWW-Authenticate", "Bearer")
          .body("detail", equalTo("Incorrect email or password"));
    }
  }

  @Test
  void refreshRotatesAndAReusedTokenEndsTheSession() {
    String email = AuthApi.uniqueEmail();
    AuthApi.registered(email);
    Map<String, Object> first = AuthApi.loggedIn(email, PASSWORD);

    Map<String, Object> second =
        AuthApi.refresh(first.get("refresh_token")).statusCode(200).extract().jsonPath().getMap("");
    AuthApi.me(second.get("access_token")).statusCode(200);

    // The first refresh token was replaced; using it again means someone copied it.
    AuthApi.refresh(first.get("refresh_token")).statusCode(401);
    AuthApi.refresh(second.get("refresh_token")).statusCode(401);
    AuthApi.me(second.get("access_token")).statusCode(401);
    AuthApi.me(first.get("access_token")).statusCode(401);
  }

  @Test
  void logoutAlsoRevokesAGivenRefreshTokenOfTheCaller() {
    String email = AuthApi.uniqueEmail();
    AuthApi.registered(email);
    Map<String, Object> phone = AuthApi.loggedIn(email, PASSWORD);
    Map<String, Object> laptop = AuthApi.loggedIn(email, PASSWORD);

    given()
        .auth()
        .oauth2(laptop.get("access_token").toString())
        .contentType(ContentType.JSON)
        .body(Map.of("refresh_token", phone.get("refresh_token")))
        .post("/api/v1/auth/logout")
        .then()
        .statusCode(204);

    AuthApi.refresh(phone.get("refresh_token")).statusCode(401);
    AuthApi.refresh(laptop.get("refresh_token")).statusCode(401);
  }

  @Test
  void theConfiguredAdminExistsWithTheAdminRole() {
    Object access =
        AuthApi.loggedIn("admin@orderflow.test", "test-admin-password").get("access_token");

    AuthApi.me(access).statusCode(200).body("role", equalTo("admin"));
  }

  @Test
  void tokensOfUsersWithoutAnAccountStillWork() {
    String token = OrderApiClient.token(987654321, "customer");

    given().auth().oauth2(token).get("/api/v1/orders/my-orders").then().statusCode(200);
    AuthApi.me(token).statusCode(404);
  }
}
