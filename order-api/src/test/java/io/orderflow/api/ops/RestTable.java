package io.orderflow.api.ops;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's REST table as data (operation → the status codes its row names) and how it differs
 * from an OpenAPI document.
 */
final class RestTable {
  static final String BASE = "/api/v1";
  private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");
  private static final Pattern OPERATION =
      Pattern.compile("`(GET|POST|PUT|DELETE|PATCH) (/[^`?\\s]*)[^`]*`");
  // a three-digit number standing alone: "9,999,999,999.99", "RS256" or "[≤1000]" are not codes
  private static final Pattern NUMBER = Pattern.compile("(?<![\\w,.])[2-5]\\d\\d(?![\\w,.])");

  private RestTable() {}

  /**
   * Every operation a row of the table under "## REST" names (paths under {@link #BASE}, without
   * the trailing slash), with the HTTP status codes named in that row's answer.
   */
  static Map<String, Set<Integer>> parse(String readme) {
    String section = readme.substring(readme.indexOf("\n## REST\n"));
    int end = section.indexOf("\n## ", 1);
    Map<String, Set<Integer>> operations = new TreeMap<>();
    for (String line : section.substring(0, end < 0 ? section.length() : end).split("\n")) {
      if (!line.startsWith("| `")) {
        continue;
      }
      String[] cells = line.split(" \\| ", 2);
      Set<Integer> statuses = statusesIn(cells[1]);
      Matcher op = OPERATION.matcher(cells[0]);
      while (op.find()) {
        operations.put(key(op.group(1), BASE + op.group(2)), statuses);
      }
    }
    return operations;
  }

  /** What is in the README and not in the document, and the other way round; empty when equal. */
  static List<String> differences(Map<String, Set<Integer>> readme, JsonNode document) {
    Map<String, Set<Integer>> documented = operationsOf(document);
    List<String> differences = new ArrayList<>();
    readme.forEach(
        (operation, statuses) -> {
          Set<Integer> answers = documented.get(operation);
          if (answers == null) {
            differences.add(operation + ": in the README, not in the OpenAPI document");
            return;
          }
          Set<Integer> missing = new TreeSet<>(statuses);
          missing.removeAll(answers);
          if (!missing.isEmpty()) {
            differences.add(
                operation + ": README names " + missing + ", the document answers only " + answers);
          }
        });
    documented.keySet().stream()
        .filter(operation -> !readme.containsKey(operation))
        .forEach(operation -> differences.add(operation + ": in the document, not in the README"));
    return differences;
  }

  /** The document's operations under {@link #BASE} with their response codes. */
  static Map<String, Set<Integer>> operationsOf(JsonNode document) {
    Map<String, Set<Integer>> operations = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      if (!path.getKey().startsWith(BASE + "/")) {
        continue;
      }
      path.getValue()
          .fields()
          .forEachRemaining(
              op -> {
                if (METHODS.contains(op.getKey())) {
                  Set<Integer> codes = new TreeSet<>();
                  op.getValue()
                      .path("responses")
                      .fieldNames()
                      .forEachRemaining(code -> codes.add(Integer.valueOf(code)));
                  operations.put(key(op.getKey(), path.getKey()), codes);
                }
              });
    }
    return operations;
  }

  private static Set<Integer> statusesIn(String answer) {
    Set<Integer> statuses = new TreeSet<>();
    Matcher number = NUMBER.matcher(answer);
    while (number.find()) {
      int code = Integer.parseInt(number.group());
      // jakarta.ws.rs knows every status the README could mean but 422; "255 chars" is no status
      if (code == 422 || Response.Status.fromStatusCode(code) != null) {
        statuses.add(code);
      }
    }
    return statuses;
  }

  private static String key(String method, String path) {
    String trimmed =
        path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return method.toUpperCase() + " " + trimmed;
  }
}
