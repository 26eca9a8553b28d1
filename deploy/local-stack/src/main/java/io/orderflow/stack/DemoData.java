package io.orderflow.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Fills a fresh local stack through the public API, as a user would: the demo customer registers,
 * the admin creates the demo products (so they flow through the worker into the catalog).
 */
final class DemoData {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final String api;

  DemoData(String api) {
    this.api = api;
  }

  /** Registers the customer unless the account exists already (409 on later starts). */
  void registerCustomer(DemoAccounts accounts) throws IOException, InterruptedException {
    HttpResponse<String> answer =
        post(
            "/api/v1/auth/register",
            null,
            Map.of(
                "email", accounts.customerEmail(),
                "password", accounts.customerPassword(),
                "full_name", "Demo Customer"));
    if (answer.statusCode() != 201 && answer.statusCode() != 409) {
      throw new IllegalStateException("Cannot register the demo customer: " + answer.body());
    }
  }

  String login(String email, String password) throws IOException, InterruptedException {
    HttpResponse<String> answer =
        post("/api/v1/auth/login", null, Map.of("email", email, "password", password));
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("Cannot log in " + email + ": " + answer.body());
    }
    return JSON.readTree(answer.body()).get("access_token").asText();
  }

  /** Creates the products of the file, unless the catalog has products already. */
  void loadProductsIfEmpty(String adminToken, Path products)
      throws IOException, InterruptedException {
    HttpResponse<String> catalog =
        http.send(
            request("/api/v1/products/", adminToken).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    if (JSON.readTree(catalog.body()).size() > 0) {
      return;
    }
    for (JsonNode product : JSON.readTree(Files.readString(products))) {
      HttpResponse<String> answer = post("/api/v1/products/", adminToken, product);
      if (answer.statusCode() != 201) {
        throw new IllegalStateException("Cannot create a demo product: " + answer.body());
      }
    }
  }

  private HttpResponse<String> post(String path, String token, Object body)
      throws IOException, InterruptedException {
    return http.send(
        request(path, token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path));
    return token == null ? request : request.header("Authorization", "Bearer " + token);
  }
}
