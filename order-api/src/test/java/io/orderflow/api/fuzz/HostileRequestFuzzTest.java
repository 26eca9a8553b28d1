package io.orderflow.api.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.orderflow.api.OrderBodies;
import io.orderflow.model.Topics;
import io.orderflow.stack.InfrastructureTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * At least 10,000 generated hostile requests over every endpoint (seed {@code fuzz.seed}, count
 * {@code fuzz.requests}): every answer is a 2xx or a 4xx with a JSON {@code {"detail"}} body, never
 * a 5xx or internals; nothing is written but what a 2xx answer accounts for; and a normal order is
 * still accepted afterwards. It prints the cases per category and the answer codes seen.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureTestResource.class)
class HostileRequestFuzzTest {
  private static final long SEED = Long.getLong("fuzz.seed", 20261126L);
  private static final int REQUESTS = Integer.getInteger("fuzz.requests", 10_000);
  private static final int CONNECTIONS = 8;
  private static final long CUSTOMER = 9501;
  private static final long ADMIN = 9500;
  private static final Pattern INTERNALS =
      Pattern.compile(
          "Exception|\\tat |Caused by|java\\.|javax\\.|jakarta\\.|com\\.fasterxml|io\\.quarkus"
              + "|io\\.vertx|org\\.jboss|org\\.postgresql|io\\.orderflow|SQLState|syntax error at");

  @TestHTTPResource("/")
  URI root;

  @Inject AgroalDataSource database;

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  /** What the 2xx answers may have written: orders accepted, commands published, users made. */
  private final Set<Long> acceptedOrders = ConcurrentHashMap.newKeySet();

  private final AtomicLong orderCommands = new AtomicLong();
  private final AtomicLong inventoryCommands = new AtomicLong();
  private final AtomicLong registrations = new AtomicLong();

  private final Map<String, SortedMap<Integer, Integer>> statusesByCategory =
      new ConcurrentHashMap<>();
  private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

  @Test
  void hostileRequestsGetPrecise4xxAndWriteNothing() throws Exception {
    HostileRequests generator = new HostileRequests(SEED, CUSTOMER, ADMIN);
    List<HostileRequests.Request> requests = new ArrayList<>(REQUESTS);
    for (int i = 0; i < REQUESTS; i++) {
      requests.add(generator.next());
    }
    Counts before = counts();
    long started = System.nanoTime();

    ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
    try {
      List<Future<?>> sent = new ArrayList<>();
      for (HostileRequests.Request request : requests) {
        sent.add(pool.submit(() -> send(request)));
      }
      for (Future<?> each : sent) {
        each.get();
      }
    } finally {
      pool.shutdown();
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    Counts after = counts();
    printSummary(requests.size(), took, before, after);

    assertThat(violations).as("answers breaking the contract").isEmpty();
    assertThat(after.users() - before.users()).isEqualTo(registrations.get());
    assertThat(after.orders() - before.orders()).isEqualTo(acceptedOrders.size());
    assertThat(after.orderCommands() - before.orderCommands())
        .isEqualTo(acceptedOrders.size() + orderCommands.get());
    assertThat(after.inventoryCommands() - before.inventoryCommands())
        .isEqualTo(inventoryCommands.get());
    aNormalOrderIsStillAccepted();
  }

  private void send(HostileRequests.Request request) {
    HttpResponse<String> answer;
    try {
      HttpRequest.Builder builder =
          HttpRequest.newBuilder(root.resolve(request.path()))
              .timeout(Duration.ofSeconds(30))
              .method(
                  request.method(),
                  request.body() == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(request.body()));
      request.headers().forEach(builder::header);
      answer = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      violations.add(describe(request) + " -> no answer: " + e);
      return;
    }
    int status = answer.statusCode();
    statusesByCategory
        .computeIfAbsent(
            request.category().name(), c -> Collections.synchronizedSortedMap(new TreeMap<>()))
        .merge(status, 1, Integer::sum);
    check(request, answer);
    if (status >= 200 && status < 300) {
      account(request, answer);
    }
  }

  private void check(HostileRequests.Request request, HttpResponse<String> answer) {
    int status = answer.statusCode();
    String body = answer.body();
    if (status >= 500 || status < 200 || (status >= 300 && status < 400)) {
      violations.add(describe(request) + " -> " + status + " " + abbreviate(body));
      return;
    }
    if (INTERNALS.matcher(body).find()) {
      violations.add(describe(request) + " -> internals in " + status + ": " + abbreviate(body));
    }
    if (status >= 400 && !"HEAD".equals(request.method()) && !hasDetail(body)) {
      violations.add(
          describe(request) + " -> " + status + " without {detail}: " + abbreviate(body));
    }
  }

  private boolean hasDetail(String body) {
    try {
      JsonNode answer = json.readTree(body);
      return answer != null && answer.isObject() && !answer.path("detail").isMissingNode();
    } catch (Exception e) {
      return false;
    }
  }

  /** Counts what a 2xx answer may have written, to compare with what was written. */
  private void account(HostileRequests.Request request, HttpResponse<String> answer) {
    String method = request.method();
    String path = request.path().replaceAll("/+", "/"); // as the server normalises it
    JsonNode body;
    try {
      body = answer.body().isEmpty() ? null : json.readTree(answer.body());
    } catch (Exception e) {
      body = null;
    }
    if (method.equals("POST")
        && path.startsWith("/api/v1/orders/")
        && body != null
        && body.has("order_id")) {
      acceptedOrders.add(body.get("order_id").asLong());
    } else if (method.equals("POST")
        && path.startsWith("/api/v1/orders/status/bulk")
        && body != null
        && body.isArray()) {
      orderCommands.addAndGet(body.size());
    } else if ((method.equals("PUT") && path.matches("/api/v1/orders/[^/]+/status.*"))
        || (method.equals("DELETE") && path.startsWith("/api/v1/orders/"))) {
      orderCommands.incrementAndGet();
    } else if ((method.equals("POST") || method.equals("PUT"))
        && path.startsWith("/api/v1/products/")) {
      inventoryCommands.incrementAndGet();
    } else if (method.equals("POST") && path.startsWith("/api/v1/auth/register")) {
      registrations.incrementAndGet();
    }
  }

  private record Counts(long users, long orders, long orderCommands, long inventoryCommands) {}

  private Counts counts() throws SQLException {
    try (Connection c = database.getConnection();
        ResultSet users = c.createStatement().executeQuery("SELECT count(*) FROM users");
        ResultSet orders = c.createStatement().executeQuery("SELECT count(*) FROM orders")) {
      users.next();
      orders.next();
      return new Counts(
          users.getLong(1),
          orders.getLong(1),
          endOffsets(Topics.ORDERS_COMMANDS),
          endOffsets(Topics.INVENTORY_COMMANDS));
    }
  }

  private static long endOffsets(String topic) {
    try (Admin admin =
        Admin.create(InfrastructureTestResource.infrastructure().kafkaClientConfig())) {
      var partitions =
          admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
      Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
      partitions.forEach(
          p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
      return admin.listOffsets(latest).all().get().values().stream()
          .mapToLong(o -> o.offset())
          .sum();
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the end offsets of " + topic, e);
    }
  }

  private void aNormalOrderIsStillAccepted() throws Exception {
    String token = Jwt.subject("9502").groups("customer").expiresIn(600).sign();
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(root.resolve("/api/v1/orders/"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        json.writeValueAsString(OrderBodies.valid())))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    assertThat(json.readTree(answer.body()).path("status").asText()).isEqualTo("received");
  }

  private void printSummary(int total, Duration took, Counts before, Counts after) {
    StringBuilder summary =
        new StringBuilder(
            String.format(
                "%nfuzz: %d requests, seed %d (-Dfuzz.seed), %d connections, %.1f s%n",
                total, SEED, CONNECTIONS, took.toMillis() / 1000.0));
    SortedMap<Integer, Integer> overall = new TreeMap<>();
    new TreeMap<>(statusesByCategory)
        .forEach(
            (category, statuses) -> {
              int cases = statuses.values().stream().mapToInt(Integer::intValue).sum();
              summary.append(String.format("  %-15s %5d cases  %s%n", category, cases, statuses));
              statuses.forEach((status, n) -> overall.merge(status, n, Integer::sum));
            });
    summary.append(String.format("  %-15s %5d cases  %s%n", "all", total, overall));
    summary.append(
        String.format(
            "  written: %d users, %d orders, %d order commands, %d inventory commands;"
                + " 2xx answers account for %d, %d, %d, %d; %d violations%n",
            after.users() - before.users(),
            after.orders() - before.orders(),
            after.orderCommands() - before.orderCommands(),
            after.inventoryCommands() - before.inventoryCommands(),
            registrations.get(),
            acceptedOrders.size(),
            acceptedOrders.size() + orderCommands.get(),
            inventoryCommands.get(),
            violations.size()));
    violations.stream().limit(30).forEach(v -> summary.append("  ! ").append(v).append('\n'));
    System.out.println(summary);
  }

  private static String describe(HostileRequests.Request request) {
    String body =
        request.body() == null
            ? ""
            : new String(request.body(), java.nio.charset.StandardCharsets.UTF_8);
    return request.category()
        + " "
        + request.method()
        + " "
        + abbreviate(request.path())
        + " "
        + request.headers().keySet()
        + " "
        + abbreviate(body);
  }

  private static String abbreviate(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }
}
