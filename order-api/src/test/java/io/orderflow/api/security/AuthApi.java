package io.orderflow.api.security;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.UUID;

/** The auth endpoints as the tests call them. */
final class AuthApi {
  static final String PASSWORD = "correct horse battery";
  private static final String LOCALHOST = "127.0.0.1";
  // Apache HttpClient's parameter for the local address of a route (ConnRoutePNames.LOCAL_ADDRESS)
  private static final String LOCAL_ADDRESS = "http.route.local-address";

  /** An email no other test uses. */
  static String uniqueEmail() {
    return "user-" + UUID.randomUUID() + "@example.com";
  }

  static ValidatableResponse register(Object body) {
    return register(body, LOCALHOST);
  }

  static ValidatableResponse register(Object body, String fromAddress) {
    return from(fromAddress)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/auth/register")
        .then();
  }

  static long registered(String email) {
    return register(Map.of("email", email, "password", PASSWORD, "full_name", "Test User"))
        .statusCode(201)
        .extract()
        .jsonPath()
        .getLong("id");
  }

  static ValidatableResponse login(String email, String password) {
    return login(email, password, LOCALHOST);
  }

  static ValidatableResponse login(String email, String password, String fromAddress) {
    return from(fromAddress)
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
    return refresh(refreshToken, LOCALHOST);
  }

  static ValidatableResponse refresh(Object refreshToken, String fromAddress) {
    return from(fromAddress)
        .contentType(ContentType.JSON)
        .body(Map.of("refresh_token", refreshToken))
        .post("/api/v1/auth/refresh")
        .then();
  }

  static ValidatableResponse logout(Object accessToken) {
    return given().auth().oauth2(accessToken.toString()).post("/api/v1/auth/logout").then();
  }

  static ValidatableResponse logoutEverywhere(Object accessToken) {
    return given().auth().oauth2(accessToken.toString()).post("/api/v1/auth/logout-all").then();
  }

  static ValidatableResponse changePassword(
      Object accessToken, String currentPassword, String newPassword) {
    return given()
        .auth()
        .oauth2(accessToken.toString())
        .contentType(ContentType.JSON)
        .body(Map.of("current_password", currentPassword, "new_password", newPassword))
        .put("/api/v1/users/me/password")
        .then();
  }

  static ValidatableResponse me(Object accessToken) {
    return given().auth().oauth2(accessToken.toString()).get("/api/v1/users/me").then();
  }

  /**
   * A request sent from {@code address}, one of the machine's loopback addresses (127.0.0.0/8): the
   * throttles see a real peer address, so tests of per-address limits keep out of each other's way.
   */
  static RequestSpecification from(String address) {
    try {
      return given()
          .config(
              RestAssured.config()
                  .httpClient(
                      HttpClientConfig.httpClientConfig()
                          .setParam(LOCAL_ADDRESS, InetAddress.getByName(address))));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(address, e);
    }
  }

  private AuthApi() {}
}
