package io.orderflow.api.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.orderflow.api.OrderApiClient;
import io.smallrye.jwt.build.Jwt;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A seeded generator of hostile requests over every order-api endpoint. Each request starts from a
 * valid one and is spoiled in one way of its {@link Category}; some stay valid by chance, which the
 * test allows (a documented 2xx).
 */
final class HostileRequests {
  enum Category {
    MALFORMED_JSON,
    WRONG_TYPE,
    NUMBER,
    NESTING,
    UNICODE,
    HEADER,
    PATH,
    QUERY
  }

  enum Body {
    NONE,
    ORDER,
    PRODUCT,
    PRODUCT_UPDATE,
    RESTOCK,
    STATUS,
    BULK,
    REGISTER,
    LOGIN,
    REFRESH,
    PASSWORD_CHANGE
  }

  record Endpoint(String method, String path, Body body, List<String> query) {
    String name() {
      return method + " " + path;
    }
  }

  record Request(
      Category category,
      Endpoint endpoint,
      String method,
      String path,
      Map<String, String> headers,
      byte[] body) {}

  /** The valid body each request schema of the OpenAPI document stands for. */
  private static final Map<String, Body> BODIES =
      Map.ofEntries(
          Map.entry("RegisterRequest", Body.REGISTER),
          Map.entry("LoginRequest", Body.LOGIN),
          Map.entry("RefreshRequest", Body.REFRESH),
          Map.entry("PasswordChangeRequest", Body.PASSWORD_CHANGE),
          Map.entry("PlaceOrderRequest", Body.ORDER),
          Map.entry("StatusChangeRequest", Body.STATUS),
          Map.entry("BulkStatusChangeRequest", Body.BULK),
          Map.entry("CreateProductRequest", Body.PRODUCT),
          Map.entry("UpdateProductRequest", Body.PRODUCT_UPDATE),
          Map.entry("RestockRequest", Body.RESTOCK));

  /**
   * Every operation of the document as an endpoint to spoil; fails on a request schema or path
   * parameter the generator cannot make valid yet, so a new endpoint is never left out.
   */
  static List<Endpoint> endpointsOf(OpenApiOperations operations) {
    return operations.operations().stream()
        .map(
            operation -> {
              if (operation.path().replace("{id}", "").contains("{")) {
                throw new IllegalStateException(
                    operation.name() + ": teach HostileRequests its path parameters");
              }
              Body body =
                  operation
                      .bodySchema()
                      .map(
                          schema ->
                              Optional.ofNullable(BODIES.get(schema))
                                  .orElseThrow(
                                      () ->
                                          new IllegalStateException(
                                              operation.name()
                                                  + ": teach HostileRequests a valid "
                                                  + schema)))
                      .orElse(Body.NONE);
              return new Endpoint(operation.method(), operation.path(), body, operation.query());
            })
        .toList();
  }

  /** Stands for a raw JSON text (a number, a deep nesting) that the serialiser must not quote. */
  private static final String RAW = "@@raw@@";

  private static final String[] RAW_NUMBERS = {
    "-1",
    "0",
    "1",
    "-0",
    "1.5",
    "1.0",
    "1e3",
    "1E400",
    "1e1000000",
    "-1e1000000",
    "1e-1000000",
    "2147483647",
    "2147483648",
    "-2147483649",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "99999999999999999999999999999",
    "10001",
    "1000001",
    "0.001",
    "12.345",
    "00012",
    "+1",
    ".5",
    "0x10",
    "NaN",
    "Infinity",
    "-Infinity",
    "1" + "0".repeat(900),
    "1" + "0".repeat(1500)
  };
  private static final String[] WRONG_TYPES = {
    "\"text\"",
    "\"\"",
    "true",
    "false",
    "null",
    "[]",
    "{}",
    "[1,2]",
    "{\"a\":1}",
    "12",
    "-1",
    "\"12\"",
    "[\"x\"]",
    "\"confirmed\""
  };
  private static final String[] MALFORMED = {
    "",
    " ",
    "null",
    "[]",
    "true",
    "0",
    "\"str\"",
    "{",
    "}",
    "{\"a\":}",
    "{'a': 1}",
    "{\"a\":1,}",
    "{\"a\": NaN}",
    "{\"a\": Infinity}",
    "/* c */ {}",
    "{\"a\": 01}",
    "{\"a\": 1e}",
    "\uFEFF{}",
    "{\"a\" 1}",
    "{\"a\":\"\\x41\"}",
    "{\"a\":\"\\u12\"}",
    "{\"a\":\"unterminated}"
  };
  private static final String[] INJECTIONS = {
    "Robert'); DROP TABLE users; --",
    "' OR '1'='1",
    "<script>alert(1)</script>",
    "${jndi:ldap://example.test/a}",
    "%s%n%x",
    "../../etc/passwd",
    "{{7*7}}",
    "\\u0000"
  };
  private static final int[][] CODE_POINT_POOLS = {
    {0x20, 0x7E},
    {0x00, 0x1F},
    {0x7F, 0x9F},
    {0xA0, 0xFF},
    {0x0300, 0x036F},
    {0x0590, 0x06FF},
    {0x200B, 0x200F},
    {0x2028, 0x202E},
    {0x2060, 0x2064},
    {0xFEFF, 0xFEFF},
    {0xFFF9, 0xFFFF},
    {0x4E00, 0x4FFF},
    {0xE000, 0xE0FF},
    {0xD800, 0xDFFF},
    {0x1F300, 0x1FAFF},
    {0xE0000, 0xE007F}
  };
  private static final String[] ID_JUNK = {
    "abc",
    "-1",
    "0",
    "1.5",
    "99999999999999999999",
    "1e3",
    "%00",
    "%2e%2e",
    "..",
    "%20",
    "1;DROP",
    "%E0%A5%A7",
    "0x1F",
    "+7",
    "1%2F2",
    "null",
    "9223372036854775808"
  };
  private static final String[] QUERY_JUNK = {
    "ten",
    "-1",
    "1e2",
    "1.5",
    "",
    "99999999999999999999",
    "2147483648",
    "\u0000",
    "null",
    "[]",
    "2026-13-45",
    "+999999999-01-01T00:00:00Z",
    "yesterday",
    "1e1000000",
    "-0.001",
    "NaN",
    "Infinity",
    "lost",
    "PENDING",
    " pending",
    "2026-01-01T00:00:00",
    "0",
    "1001",
    "9999999999.999"
  };
  private static final String[] CONTENT_TYPES = {
    "text/plain",
    "application/xml",
    "application/json; charset=utf-16",
    "application/json; charset=bogus",
    "multipart/form-data",
    "application/x-www-form-urlencoded",
    "*/*",
    "application/json, text/plain",
    "garbage",
    "application/octet-stream"
  };
  private static final String[] ACCEPTS = {
    "application/xml", "text/html", "image/png", "application/json;q=0", "*/*", "garbage/"
  };
  private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"};

  private final Random random;
  private final ObjectMapper json = new ObjectMapper();
  private final ObjectMapper asciiJson =
      JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
  private final String customerToken;
  private final String adminToken;
  private final List<Endpoint> endpoints;
  private int serial;
  private int wellFormedLogins;

  HostileRequests(List<Endpoint> endpoints, long seed, long customerId, long adminId) {
    this.endpoints = List.copyOf(endpoints);
    this.random = new Random(seed);
    this.customerToken = OrderApiClient.token(customerId, "customer");
    this.adminToken = OrderApiClient.token(adminId, "admin");
  }

  Request next() {
    Endpoint endpoint = pick(endpoints);
    Category category = pick(Category.values());
    serial++;
    Map<String, String> headers = new LinkedHashMap<>();
    String bearer = bearer(endpoint);
    if (bearer != null) {
      headers.put("Authorization", "Bearer " + bearer);
    }
    String method = endpoint.method();
    String path = endpoint.path().replace("{id}", String.valueOf(1 + random.nextInt(50)));
    Object body = validBody(endpoint.body());
    String raw = null;
    byte[] bytes = null;
    switch (category) {
      case MALFORMED_JSON -> bytes = malformed(body);
      case WRONG_TYPE, NUMBER, NESTING -> {
        raw =
            category == Category.WRONG_TYPE
                ? pick(WRONG_TYPES)
                : category == Category.NUMBER ? pick(RAW_NUMBERS) : nesting();
        if (!replaceSomeValue(body, RAW)) {
          path = withParameter(endpoint, path, category == Category.NESTING ? "[[[1]]]" : raw);
          raw = null;
        }
      }
      case UNICODE -> {
        String odd = oddString();
        if (!replaceSomeValue(body, odd)) {
          path = withParameter(endpoint, path, odd);
        }
      }
      case HEADER -> hostileHeader(headers, endpoint);
      case PATH -> {
        if (random.nextInt(4) == 0) {
          method = pick(METHODS);
        }
        path = hostilePath(endpoint);
      }
      case QUERY -> path = hostileQuery(endpoint, path);
    }
    if (bytes == null && body != null) {
      bytes = write(body, raw);
    }
    if (endpoint.body() == Body.LOGIN && bytes != null && mightBeACredentialGuess(bytes)) {
      // wrong credentials count towards the address's login throttle, which the whole test
      // suite shares from 127.0.0.1: a few go through, the rest are spoiled
      if (++wellFormedLogins > 5) {
        bytes = write(Map.of("email", "fuzz@example.com", "password", "p".repeat(129)), null);
      }
    }
    if (bytes != null) {
      headers.putIfAbsent("Content-Type", "application/json");
    }
    return new Request(category, endpoint, method, path, headers, bytes);
  }

  private String bearer(Endpoint endpoint) {
    int roll = random.nextInt(20);
    if (roll < 3) {
      return null;
    }
    if (roll < 5) {
      return pick(new String[] {"garbage", "a.b.c", customerToken + "x", "", "null"});
    }
    boolean admin = roll >= 12;
    if (endpoint.path().contains("/logout") || endpoint.path().endsWith("/password")) {
      // a fresh token, so that logging out (or a password change ending the other sessions) does
      // not revoke the tokens every other request uses
      return OrderApiClient.token(admin ? 9500 : 9501, admin ? "admin" : "customer");
    }
    return admin ? adminToken : customerToken;
  }

  private Object validBody(Body kind) {
    return switch (kind) {
      case NONE -> null;
      case ORDER ->
          mutable(
              Map.of(
                  "shipping_address_line1",
                  "1 Fuzz Street",
                  "shipping_address_line2",
                  "Flat 2",
                  "shipping_city",
                  "Springfield",
                  "shipping_state",
                  "IL",
                  "shipping_postal_code",
                  "62701",
                  "shipping_country",
                  "US",
                  "order_items",
                  List.of(
                      Map.of("product_id", 1 + random.nextInt(5), "quantity", 1),
                      Map.of("product_id", 6, "quantity", 2))));
      case PRODUCT ->
          mutable(
              Map.of(
                  "name",
                  "Fuzz widget",
                  "description",
                  "Made by the fuzzer",
                  "price",
                  9.99,
                  "on_hand",
                  5,
                  "low_stock_threshold",
                  2));
      case PRODUCT_UPDATE -> mutable(Map.of("name", "Renamed", "price", 1.25));
      case RESTOCK -> mutable(Map.of("quantity", 3));
      case STATUS -> mutable(Map.of("status", "confirmed"));
      case BULK -> mutable(Map.of("order_ids", List.of(1, 2), "status", "cancelled"));
      case REGISTER ->
          mutable(
              Map.of(
                  "email", "fuzz-" + serial + "-" + random.nextInt(1_000_000) + "@example.com",
                  "password", "long enough password",
                  "full_name", "Fuzz User"));
      case LOGIN -> mutable(Map.of("email", "fuzz@example.com", "password", "p".repeat(129)));
      case REFRESH -> mutable(Map.of("refresh_token", "not-a-refresh-token"));
      case PASSWORD_CHANGE ->
          mutable(
              Map.of(
                  "current_password", "long enough password",
                  "new_password", "another long password"));
    };
  }

  /** Deep mutable copies, so values anywhere can be replaced. */
  private static Object mutable(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put((String) k, mutable(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(mutable(v)));
      return copy;
    }
    return value;
  }

  /** Replaces one value anywhere in {@code body}; false when there is no body. */
  @SuppressWarnings("unchecked")
  private boolean replaceSomeValue(Object body, Object replacement) {
    List<Runnable> slots = new ArrayList<>();
    collectSlots(body, replacement, slots);
    if (slots.isEmpty()) {
      return false;
    }
    pick(slots).run();
    return true;
  }

  @SuppressWarnings("unchecked")
  private static void collectSlots(Object node, Object replacement, List<Runnable> slots) {
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> m = (Map<String, Object>) map;
      for (String key : List.copyOf(m.keySet())) {
        slots.add(() -> m.put(key, replacement));
        collectSlots(m.get(key), replacement, slots);
      }
    } else if (node instanceof List<?> list) {
      List<Object> l = (List<Object>) list;
      for (int i = 0; i < l.size(); i++) {
        int index = i;
        slots.add(() -> l.set(index, replacement));
        collectSlots(l.get(i), replacement, slots);
      }
    }
  }

  private byte[] write(Object body, String raw) {
    String text;
    try {
      text = json.writeValueAsString(body);
    } catch (JsonProcessingException unpairedSurrogate) {
      try {
        text = asciiJson.writeValueAsString(body);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    if (raw != null) {
      text = text.replace("\"" + RAW + "\"", raw);
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private byte[] malformed(Object body) {
    String valid = body == null ? "{}" : new String(write(body, null), StandardCharsets.UTF_8);
    String text =
        switch (random.nextInt(7)) {
          case 0 -> valid.substring(0, random.nextInt(valid.length()));
          case 1 -> {
            int at = random.nextInt(valid.length());
            yield valid.substring(0, at)
                + pick(new String[] {"{", "}", "\"", ",", ":", "\\", "]", "\u0000", "'"})
                + valid.substring(at);
          }
          case 2 -> valid + pick(new String[] {"}", " {\"x\":1}", "garbage", ",", "[]"});
          case 3 -> valid.replaceFirst(":", "=");
          case 4 -> pick(MALFORMED);
          case 5 -> "{\"" + firstKey(body) + "\":1," + valid.substring(1);
          default -> null;
        };
    if (text != null) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
    bytes[random.nextInt(bytes.length)] = pick(new Integer[] {0xC3, 0xFF, 0x80, 0xED}).byteValue();
    return bytes;
  }

  private static String firstKey(Object body) {
    return body instanceof Map<?, ?> map && !map.isEmpty()
        ? (String) map.keySet().iterator().next()
        : "a";
  }

  private String nesting() {
    int depth = pick(new Integer[] {10, 200, 999, 1001, 3000});
    return random.nextBoolean()
        ? "[".repeat(depth) + "1" + "]".repeat(depth)
        : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
  }

  private String oddString() {
    return switch (random.nextInt(4)) {
      case 0 -> pick(INJECTIONS);
      case 1 -> "x".repeat(pick(new Integer[] {100, 256, 1000, 2001, 5000}));
      default -> {
        StringBuilder text = new StringBuilder();
        int length = 1 + random.nextInt(random.nextInt(10) == 0 ? 3000 : 40);
        int[] pool = pick(CODE_POINT_POOLS);
        for (int i = 0; i < length; i++) {
          int[] from = random.nextInt(3) == 0 ? pick(CODE_POINT_POOLS) : pool;
          int c = from[0] + random.nextInt(from[1] - from[0] + 1);
          if (c >= 0xD800 && c <= 0xDFFF) {
            text.append((char) c);
          } else {
            text.appendCodePoint(c);
          }
        }
        yield text.toString();
      }
    };
  }

  private void hostileHeader(Map<String, String> headers, Endpoint endpoint) {
    switch (random.nextInt(5)) {
      case 0 -> headers.put("Content-Type", pick(CONTENT_TYPES));
      case 1 -> headers.put("Authorization", hostileAuthorization());
      case 2 -> headers.put("Idempotency-Key", idempotencyJunk());
      case 3 -> headers.put("Accept", pick(ACCEPTS));
      default -> {
        headers.put("Content-Type", pick(CONTENT_TYPES));
        headers.put("Idempotency-Key", idempotencyJunk());
        headers.put("X-Forwarded-For", "999.1.1.1, junk");
      }
    }
  }

  private String hostileAuthorization() {
    return switch (random.nextInt(10)) {
      case 0 -> "Bearer";
      case 1 -> "Bearer " + "a".repeat(4000);
      case 2 -> "Basic YWRtaW46YWRtaW4=";
      case 3 -> "Bearer " + adminToken.substring(0, adminToken.lastIndexOf('.') + 1);
      case 4 -> "Bearer " + Jwt.subject("abc").groups("customer").expiresIn(60).sign();
      case 5 -> "Bearer " + OrderApiClient.token(9501, "superuser");
      case 6 ->
          "Bearer "
              + Jwt.subject("9501")
                  .groups("admin")
                  .issuedAt(Instant.now().minusSeconds(7200))
                  .expiresAt(Instant.now().minusSeconds(3600))
                  .sign();
      case 7 -> "Bearer " + Jwt.subject("9501").groups("admin").issuer("evil").sign();
      case 8 -> "bearer " + customerToken;
      default -> "Bearer " + customerToken + " " + adminToken;
    };
  }

  private String idempotencyJunk() {
    return pick(
        new String[] {
          "",
          " ",
          "k".repeat(256),
          "k".repeat(3000),
          "../../",
          "%00",
          "key with spaces",
          "'; DROP TABLE orders; --",
          "k" + random.nextInt(3),
          "\t"
        });
  }

  private String hostilePath(Endpoint endpoint) {
    String path = endpoint.path();
    return switch (random.nextInt(6)) {
      case 0, 1 ->
          path.contains("{id}")
              ? path.replace("{id}", pick(ID_JUNK))
              : path + pick(new String[] {"abc", "1", "%00", "..", "x/y"});
      case 2 -> path.replace("{id}", "1") + pick(new String[] {"/", "//", "/x", "/..", "/%2e%2e"});
      case 3 ->
          path.replace("{id}", "1")
              .replace("/api/v1", pick(new String[] {"/api/v2", "/API/V1", "/api//v1", ""}));
      case 4 -> path.replace("{id}", "9".repeat(pick(new Integer[] {19, 20, 300, 1500})));
      default -> "/api/v1/" + urlEncode(oddString());
    };
  }

  private String hostileQuery(Endpoint endpoint, String path) {
    List<String> names =
        endpoint.query().isEmpty() ? List.of("limit", "x", "status") : endpoint.query();
    StringBuilder query = new StringBuilder();
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      String value = random.nextInt(5) == 0 ? oddString() : pick(QUERY_JUNK);
      query.append(i == 0 ? "?" : "&").append(pick(names)).append('=').append(urlEncode(value));
    }
    return path + query;
  }

  /** A bodyless endpoint takes the hostile value in its path id or a query parameter. */
  private String withParameter(Endpoint endpoint, String path, String value) {
    if (endpoint.path().contains("{id}") && (endpoint.query().isEmpty() || random.nextBoolean())) {
      return endpoint.path().replace("{id}", urlEncode(value));
    }
    String name = endpoint.query().isEmpty() ? "limit" : pick(endpoint.query());
    return path + "?" + name + "=" + urlEncode(value);
  }

  /** Percent-encoded and short enough that the URL stays under the HTTP codec's 4 KB line. */
  private static String urlEncode(String value) {
    String shortened = value.length() > 200 ? value.substring(0, 200) : value;
    return URLEncoder.encode(shortened, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private boolean mightBeACredentialGuess(byte[] body) {
    try {
      JsonNode login = json.readTree(body);
      return login != null
          && login.path("email").isTextual()
          && login.path("password").isTextual()
          && !login.path("email").asText().isBlank()
          && login.path("email").asText().length() <= 255
          && login.path("password").asText().length() <= 128;
    } catch (Exception unreadable) {
      return false;
    }
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }
}
