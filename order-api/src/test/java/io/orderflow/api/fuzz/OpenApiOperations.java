package io.orderflow.api.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The {@code /api/} operations of order-api's OpenAPI document: where the fuzz run's endpoints come
 * from, and which answer codes each operation may give.
 */
record OpenApiOperations(List<Operation> operations) {

  /** One documented operation: its path template, query parameters, body schema and answers. */
  record Operation(
      String method,
      String path,
      List<String> query,
      Optional<String> bodySchema,
      Set<Integer> statuses,
      Pattern pattern) {

    String name() {
      return method + " " + path;
    }

    boolean answers(String method, String requestPath) {
      return this.method.equals(method) && pattern.matcher(requestPath).matches();
    }
  }

  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

  static OpenApiOperations of(JsonNode document) {
    List<Operation> operations = new ArrayList<>();
    document
        .path("paths")
        .fields()
        .forEachRemaining(
            path -> {
              if (!path.getKey().startsWith("/api/")) {
                return;
              }
              path.getValue()
                  .fields()
                  .forEachRemaining(
                      entry -> {
                        if (METHODS.contains(entry.getKey())) {
                          operations.add(operation(path.getKey(), path.getValue(), entry));
                        }
                      });
            });
    return new OpenApiOperations(List.copyOf(operations));
  }

  /** The operation a request reaches (paths as the server normalises them), if any. */
  Optional<Operation> find(String method, String path) {
    String normalised = normalise(path);
    return operations.stream().filter(o -> o.answers(method, normalised)).findFirst();
  }

  /** Whether some operation has this path, whatever its method. */
  boolean knowsPath(String path) {
    String normalised = normalise(path);
    return operations.stream().anyMatch(o -> o.pattern().matcher(normalised).matches());
  }

  /**
   * Without the query, repeated slashes and dot segments (also percent-encoded), as Vert.x does.
   */
  private static String normalise(String path) {
    int query = path.indexOf('?');
    String withoutQuery = (query < 0 ? path : path.substring(0, query)).replaceAll("/+", "/");
    String dotted = withoutQuery.replaceAll("(?i)%2e", ".");
    try {
      return URI.create(dotted).normalize().getRawPath();
    } catch (IllegalArgumentException e) {
      return withoutQuery;
    }
  }

  private static Operation operation(
      String path, JsonNode pathItem, java.util.Map.Entry<String, JsonNode> entry) {
    JsonNode operation = entry.getValue();
    List<String> query = new ArrayList<>();
    for (JsonNode parameters : List.of(pathItem.path("parameters"), operation.path("parameters"))) {
      parameters.forEach(
          parameter -> {
            if (parameter.path("in").asText().equals("query")) {
              query.add(parameter.path("name").asText());
            }
          });
    }
    Optional<String> body =
        Optional.of(operation.at("/requestBody/content/application~1json/schema/$ref").asText())
            .filter(ref -> !ref.isEmpty())
            .map(ref -> ref.substring(ref.lastIndexOf('/') + 1));
    Set<Integer> statuses = new TreeSet<>();
    operation
        .path("responses")
        .fieldNames()
        .forEachRemaining(code -> statuses.add(Integer.valueOf(code)));
    return new Operation(
        entry.getKey().toUpperCase(Locale.ROOT),
        path,
        List.copyOf(query),
        body,
        Set.copyOf(statuses),
        templatePattern(path));
  }

  /**
   * {@code /api/v1/orders/{id}} matches any one segment for {@code {id}}; a final slash is
   * optional.
   */
  private static Pattern templatePattern(String path) {
    String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    StringBuilder regex = new StringBuilder();
    for (String part : trimmed.split("(?=\\{)|(?<=\\})")) {
      regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
    }
    return Pattern.compile(regex + "/?");
  }
}
