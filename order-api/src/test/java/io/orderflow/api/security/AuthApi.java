package io.orderflow.api.security;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.UUID;

/** The auth endpoints as the tests call them. */
final class AuthApi {
  static final String PASSWORD = "correct horse battery";

  /** An email no other test uses. */
  static String uniqueEmail() {
    return "user-" + UUID.randomUUID() + "@example.com";
  }

  static ValidatableResponse register(Object body) {
    return given().contentType(ContentType.JSON).body(body).post("/api/v1/auth/register").then();
  }

  static long registered(String email) {
    return register(Map.of("email", email, "password", PASSWORD, "full_name", "Test User"))
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }

  static ValidatableResponse login(String email, String password) {
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("email", email, "password", password))
        .post("/api/v1/auth/login")
        .then();
  }

  /** access_token and refresh_token of a successful login. */
  static Map<String, Object> loggedIn(String email, String password) {
    return login(email, password).statusCode(200).extract().jsonPath().getMap("");
  }

  static ValidatableResponse refresh(Object refreshToken) {
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("refresh_token", refreshToken))
        .post("/api/v1/auth/refresh")
        .then();
  }

  static ValidatableResponse logout(Object accessToken) {
    return given().auth().oauth2(accessToken.toString()).post("/api/v1/auth/logout").then();
  }

  static ValidatableResponse me(Object accessToken) {
    return given().auth().oauth2(accessToken.toString()).get("/api/v1/users/me").then();
  }

  private AuthApi() {}
}
