package io.orderflow.api.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.orderflow.stack.InfrastructureTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Operational endpoints answer on the management port only, never on the public API's. */
@QuarkusTest
@QuarkusTestResource(InfrastructureTestResource.class)
class ManagementInterfaceTest {
  @TestHTTPResource(value = "/", management = true)
  URL management;

  @ParameterizedTest
  @ValueSource(strings = {"/q/metrics", "/q/openapi", "/q/swagger-ui/", "/q/health/ready"})
  void isNotFoundOnThePublicPort(String path) {
    given().get(path).then().statusCode(404).body("detail", equalTo("Not Found"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/q/metrics", "/q/openapi", "/q/swagger-ui/", "/q/health/ready"})
  void answersOnTheManagementPort(String path) {
    // RestAssured's port (the public one, set by Quarkus) would override a port in the URI
    given().port(management.getPort()).get(path).then().statusCode(200);
  }
}
