package io.orderflow.api.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How the README's REST table is read and compared with an OpenAPI document (no server). */
class RestTableTest {
  private static final String README =
      """
      # x

      ## REST

      | | |
      |---|---|
      | `POST /orders/` | 200 order; 400 stock body; 202 + `Location`; a total over 9,999,999,999.99; key ≤ 255 chars ([017](docs/decisions/017-x.md)) |
      | `GET /products/`, `GET /products/{id}` | any user; 404 unknown product |
      | `POST /orders/status/bulk` `{order_ids[≤1000], status}` | admin |

      ## Operations

      | `GET /not/rest` | 200 |
      """;

  @Test
  void readsEveryOperationOfARowWithTheStatusCodesItNames() {
    assertThat(RestTable.parse(README))
        .isEqualTo(
            Map.of(
                "POST /api/v1/orders", Set.of(200, 202, 400),
                "GET /api/v1/products", Set.of(404),
                "GET /api/v1/products/{id}", Set.of(404),
                "POST /api/v1/orders/status/bulk", Set.of()));
  }

  @Test
  void namesEachOperationOrStatusTheDocumentAndTheReadmeDoNotShare() throws Exception {
    JsonNode document =
        new ObjectMapper()
            .readTree(
                """
                {"paths": {
                  "/api/v1/orders": {"post": {"responses": {"200": {}, "400": {}}}},
                  "/api/v1/orders/{id}": {"parameters": [], "get": {"responses": {"200": {}}}},
                  "/q/health": {"get": {"responses": {"200": {}}}}}}
                """);

    assertThat(RestTable.differences(RestTable.parse(README), document))
        .containsExactly(
            "GET /api/v1/products: in the README, not in the OpenAPI document",
            "GET /api/v1/products/{id}: in the README, not in the OpenAPI document",
            "POST /api/v1/orders: README names [202], the document answers only [200, 400]",
            "POST /api/v1/orders/status/bulk: in the README, not in the OpenAPI document",
            "GET /api/v1/orders/{id}: in the document, not in the README");
  }
}
