package io.orderflow.api;

import static io.restassured.RestAssured.given;

import io.restassured.response.ValidatableResponse;
import io.smallrye.jwt.build.Jwt;
import java.util.HashMap;
import java.util.Map;

/** How the order-api tests talk to it: tokens, order bodies and the caller's orders. */
public final class OrderApiClient {
  public static final String ORDERS = "/api/v1/orders/";

  /** A token order-api accepts for an hour, signed with the test key. */
  public static String token(long userId, String role) {
    return Jwt.subject(String.valueOf(userId)).groups(role).expiresIn(3600).sign();
  }

  /** The valid order body with one field set to {@code value}. */
  public static Map<String, Object> orderWith(String field, Object value) {
    Map<String, Object> body = new HashMap<>(OrderBodies.valid());
    body.put(field, value);
    return body;
  }

  /** {@code GET /orders/my-orders} as that customer. */
  public static ValidatableResponse myOrders(long customer) {
    return given().auth().oauth2(token(customer, "customer")).get(ORDERS + "my-orders").then();
  }

  private OrderApiClient() {}
}
