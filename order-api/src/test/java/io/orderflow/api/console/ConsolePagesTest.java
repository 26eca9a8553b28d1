package io.orderflow.api.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.orderflow.stack.InfrastructureTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The pages' headers and the rules their scripts keep, checked without a browser. */
@QuarkusTest
@QuarkusTestResource(InfrastructureTestResource.class)
class ConsolePagesTest {
  private static final Path PAGES = Path.of("src/main/resources/META-INF/resources");

  static Stream<String> pages() {
    return Stream.of("/console/", "/console/console.js", "/checkout/", "/checkout/checkout.js");
  }

  @ParameterizedTest
  @MethodSource("pages")
  void pagesSendAStrictContentSecurityPolicy(String page) {
    given()
        .get(page)
        .then()
        .statusCode(200)
        .header("Content-Security-Policy", containsString("default-src 'self'"))
        .header("Content-Security-Policy", containsString("object-src 'none'"))
        .header("Content-Security-Policy", containsString("base-uri 'none'"))
        .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
        .header("X-Content-Type-Options", "nosniff");
  }

  /** Markup only from constants, and the token kept in memory only (ADR 032). */
  @ParameterizedTest
  @MethodSource("scripts")
  void scriptsNeverParseDataAsMarkupNorStoreTheToken(Path script) throws IOException {
    assertThat(Files.readString(script))
        .doesNotContain(
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
            "localStorage",
            "sessionStorage",
            "document.cookie",
            "eval(");
  }

  /** No inline script or style, which the policy would block anyway. */
  @ParameterizedTest
  @MethodSource("html")
  void pagesHoldNoInlineScriptOrStyle(Path page) throws IOException {
    assertThat(Files.readString(page))
        .doesNotContainPattern("<script(?![^>]*\\bsrc=)")
        .doesNotContain("<style", "style=", "onclick=", "onload=", "onsubmit=");
  }

  static List<Path> scripts() throws IOException {
    return files(".js");
  }

  static List<Path> html() throws IOException {
    return files(".html");
  }

  private static List<Path> files(String suffix) throws IOException {
    try (Stream<Path> all = Files.walk(PAGES)) {
      return all.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    }
  }
}
