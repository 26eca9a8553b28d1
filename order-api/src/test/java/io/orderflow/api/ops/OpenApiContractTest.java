package io.orderflow.api.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.stack.InfrastructureTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document on the management port says what the README's REST table says (the same
 * operations, every status a row names among its operation's answers), and what the common-answer
 * filter promises.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureTestResource.class)
class OpenApiContractTest {
  private static final Path README = Path.of("..", "README.md");

  @TestHTTPResource(value = "/", management = true)
  URL management;

  private JsonNode document;

  @BeforeEach
  void fetchDocument() throws IOException {
    String json =
        given()
            .port(management.getPort())
            .get("/q/openapi?format=json")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    document = new ObjectMapper().readTree(json);
  }

  @Test
  void documentsEveryOperationAndStatusOfTheReadmeAndNothingElse() throws IOException {
    Map<String, Set<Integer>> readme = RestTable.parse(Files.readString(README));
    assertThat(readme).as("operations in the README's REST table").hasSizeGreaterThan(15);

    List<String> differences = RestTable.differences(readme, document);

    assertThat(differences)
        .withFailMessage(
            "README REST table and /q/openapi differ:%n  %s", String.join("\n  ", differences))
        .isEmpty();
  }

  @Test
  void addsTheCommonAnswersWhereTheyApply() {
    Map<String, Set<Integer>> operations = RestTable.operationsOf(document);

    assertThat(operations)
        .allSatisfy((op, codes) -> assertThat(codes).as(op).contains(400, 406, 415, 503));
    assertThat(operations.get("POST /api/v1/orders")).contains(401, 403, 413);
    assertThat(operations.get("GET /api/v1/users/me")).contains(401).doesNotContain(403, 413);
    assertThat(operations.get("POST /api/v1/auth/login")).doesNotContain(403);
    assertThat(responseOf("/api/v1/users/me", "get", "401").path("headers").has("WWW-Authenticate"))
        .isTrue();
    assertThat(responseOf("/api/v1/orders", "post", "503").path("headers").has("Retry-After"))
        .isTrue();
    assertThat(responseOf("/api/v1/orders", "post", "202").path("headers").has("Location"))
        .isTrue();
    assertThat(document.at("/paths/~1api~1v1~1orders/post/security/0").has("bearer-jwt")).isTrue();
  }

  @Test
  void examplesUseTheFieldNamesOfTheirSchema() {
    JsonNode pending = document.at("/paths/~1api~1v1~1orders/post/responses/200/content");
    JsonNode example =
        pending.path("application/json").path("examples").path("pending").path("value");
    JsonNode properties = document.at("/components/schemas/OrderView/properties");

    assertThat(example.path("status").asText()).isEqualTo("pending");
    assertThat(fieldsOf(example)).isNotEmpty().isSubsetOf(fieldsOf(properties));
    assertThat(
            document
                .at("/paths/~1api~1v1~1orders/post/responses/400/content")
                .findPath("stock_issues")
                .get(0)
                .path("sufficient")
                .asBoolean(true))
        .isFalse();
  }

  @Test
  void everyOperationHasASummaryAndTheStatusFilterListsTheStatuses() {
    List<String> unsummarised = new ArrayList<>();
    document
        .path("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        operation -> {
                          if (operation.getValue().path("summary").asText().isBlank()) {
                            unsummarised.add(operation.getKey() + " " + path.getKey());
                          }
                        }));
    assertThat(unsummarised).as("operations without a summary").isEmpty();

    assertThat(document.at("/paths/~1api~1v1~1orders~1my-orders/get/parameters").toString())
        .contains("#/components/schemas/OrderStatus");
    assertThat(document.at("/components/schemas/OrderStatus/enum").toString())
        .as("the status filter's allowed values, by their wire names")
        .contains("\"pending\"")
        .doesNotContain("\"PENDING\"");
  }

  @Test
  void everyReferenceResolves() {
    List<String> refs = document.findValuesAsText("$ref");
    assertThat(refs).isNotEmpty();

    assertThat(new TreeSet<>(refs))
        .allSatisfy(
            ref -> assertThat(document.at(ref.substring(1)).isMissingNode()).as(ref).isFalse());
  }

  private JsonNode responseOf(String path, String method, String status) {
    JsonNode response =
        document.path("paths").path(path).path(method).path("responses").path(status);
    return response.has("$ref")
        ? document.at(response.get("$ref").asText().substring(1))
        : response;
  }

  private static List<String> fieldsOf(JsonNode object) {
    List<String> fields = new ArrayList<>();
    object.fieldNames().forEachRemaining(fields::add);
    return fields;
  }
}
