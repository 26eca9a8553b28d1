package io.orderflow.bench.reference;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.orderflow.stack.DevTokens;
import io.orderflow.stack.InfrastructureTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The reference on real PostgreSQL and Redis: it decides, refuses an oversell, honours revocation.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureTestResource.class)
class ReferenceServiceTest {
  private static final String ORDERS = "/api/v1/orders/";

  @Inject AgroalDataSource dataSource;
  @Inject RedisDataSource redis;
  @Inject ObjectMapper json;

  @ConfigProperty(name = "smallrye.jwt.sign.key.location")
  String signingKey;

  @Test
  void decidesAnOrderAndRefusesTheOversell() throws Exception {
    long product = product("Last Widget", 1);
    String token = token(7);

    orderOne(token, product)
        .statusCode(200)
        .body("status", equalTo("pending"))
        .body("user_id", equalTo(7))
        .body("total_amount", equalTo(2.5f))
        .body("order_items", hasSize(1));

    orderOne(token, product)
        .statusCode(400)
        .body("detail.message", equalTo("Some products have insufficient stock"))
        .body("detail.stock_issues[0].product_id", equalTo((int) product))
        .body("detail.stock_issues[0].available", equalTo(0))
        .body(
            "detail.stock_issues[0].error",
            equalTo("Insufficient stock. Available: 0, Requested: 1"));

    assertThat(stock(product)).isZero();
  }

  @Test
  void refusesATokenOnOrderApisDenyList() throws Exception {
    long product = product("Revoked Widget", 5);
    String token = token(8);
    String jti =
        json.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).get("jti").asText();
    redis.value(String.class).setex("auth:denied:token:" + jti, 60, "1");

    orderOne(token, product).statusCode(401);
    assertThat(stock(product)).isEqualTo(5);
  }

  /** One unit of {@code product}, ordered with {@code token}. */
  private static ValidatableResponse orderOne(String token, long product) {
    return given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(body(product, 1))
        .post(ORDERS)
        .then();
  }

  private String token(long userId) {
    return DevTokens.mint(Path.of(signingKey), userId, "customer", Duration.ofMinutes(5));
  }

  private static String body(long product, int quantity) {
    return "{\"shipping_address_line1\":\"1 Main St\",\"shipping_city\":\"Springfield\","
        + "\"shipping_state\":\"IL\",\"shipping_postal_code\":\"62701\","
        + "\"shipping_country\":\"US\",\"order_items\":[{\"product_id\":"
        + product
        + ",\"quantity\":"
        + quantity
        + "}]}";
  }

  private long product(String name, int stock) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO products (name, price, stock) VALUES (?, 2.50, ?) RETURNING id")) {
      insert.setString(1, name);
      insert.setInt(2, stock);
      try (ResultSet rs = insert.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private int stock(long product) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select = c.prepareStatement("SELECT stock FROM products WHERE id = ?")) {
      select.setLong(1, product);
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
