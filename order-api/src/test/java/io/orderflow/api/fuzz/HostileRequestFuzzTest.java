package io.orderflow.api.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.orderflow.api.OrderApiClient;
import io.orderflow.api.OrderBodies;
import io.orderflow.model.MessageJson;
import io.orderflow.model.OrderChangeCommand;
import io.orderflow.model.OrderCommand;
import io.orderflow.model.OrderPlaced;
import io.orderflow.model.Topics;
import io.orderflow.stack.InfrastructureTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * At least 10,000 generated hostile requests over every operation of the OpenAPI document (seed
 * {@code fuzz.seed}, count {@code fuzz.requests}): every answer is one the document lists for its
 * operation (404 for a path it does not have, 405 for a method it does not list), a 2xx or a 4xx
 * with a JSON {@code {"detail"}} body, never a 5xx or internals; nothing is written but what a 2xx
 * answer accounts for; and a normal order is still accepted afterwards. It prints the cases per
 * category and the answer codes seen.
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

  @TestHTTPResource(value = "/", management = true)
  URI management;

  private OpenApiOperations operations;

  @Inject AgroalDataSource database;

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  /** What the 2xx answers may have written: orders accepted, commands published, users made. */
  private final Set<Long> acceptedOrders = ConcurrentHashMap.newKeySet();

  /** Caller and Idempotency-Key of each accepted order that carried one. */
  private final Set<String> idempotencyKeys = ConcurrentHashMap.newKeySet();

  private final AtomicLong orderCommands = new AtomicLong();
  private final AtomicLong inventoryCommands = new AtomicLong();
  private final AtomicLong registrations = new AtomicLong();
  private final AtomicLong deadLettersResolved = new AtomicLong();

  private final Map<String, SortedMap<Integer, Integer>> statusesByCategory =
      new ConcurrentHashMap<>();
  private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

  @Test
  void hostileRequestsGetPrecise4xxAndWriteNothing() throws Exception {
    operations = OpenApiOperations.of(openApiDocument());
    HostileRequests generator =
        new HostileRequests(HostileRequests.endpointsOf(operations), SEED, CUSTOMER, ADMIN);
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
    assertThat(after.idempotencyKeys() - before.idempotencyKeys())
        .isEqualTo(idempotencyKeys.size());
    // a retry with the same Idempotency-Key publishes its order again while it is undecided, so the
    // placed orders are compared as a set and the changes as a count
    List<OrderCommand> written =
        orderCommandsBetween(before.orderCommands(), after.orderCommands());
    assertThat(
            written.stream()
                .filter(OrderPlaced.class::isInstance)
                .map(OrderCommand::orderId)
                .collect(Collectors.toSet()))
        .as("orders placed on orders.commands")
        .isEqualTo(acceptedOrders);
    assertThat(written.stream().filter(OrderChangeCommand.class::isInstance).count())
        .as("change commands on orders.commands")
        .isEqualTo(orderCommands.get());
    assertThat(after.inventoryCommands() - before.inventoryCommands())
        .isEqualTo(inventoryCommands.get());
    assertThat(after.deadLettersResolved() - before.deadLettersResolved())
        .as("dead letters replayed or discarded")
        .isEqualTo(deadLettersResolved.get());
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
      answer = http.send(builder.build(), BODY_UNLESS_STREAM);
    } catch (Exception e) {
      violations.add(describe(request) + " -> no answer: " + e);
      return;
    }
    int status = answer.statusCode();
    statusesByCategory
        .computeIfAbsent(
            request.category().name(), c -> Collections.synchronizedSortedMap(new TreeMap<>()))
        .merge(status, 1, Integer::sum);
    // HEAD is answered by the GET operation
    String method = request.method().equals("HEAD") ? "GET" : request.method();
    Optional<OpenApiOperations.Operation> operation = operations.find(method, request.path());
    check(request, operation, answer);
    account(request, operation, answer);
  }

  /**
   * The body as text, but a live stream's (server-sent events) is not read, since it need not end:
   * it is cancelled at once, which closes the connection, and counts as empty.
   */
  private static final HttpResponse.BodyHandler<String> BODY_UNLESS_STREAM =
      head ->
          head.statusCode() == 200
                  && head.headers()
                      .firstValue("Content-Type")
                      .orElse("")
                      .startsWith("text/event-stream")
              ? new Unread()
              : HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);

  private static final class Unread implements HttpResponse.BodySubscriber<String> {
    @Override
    public CompletionStage<String> getBody() {
      return CompletableFuture.completedFuture("");
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.cancel();
    }

    @Override
    public void onNext(List<ByteBuffer> item) {}

    @Override
    public void onError(Throwable throwable) {}

    @Override
    public void onComplete() {}
  }

  private JsonNode openApiDocument() throws Exception {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(management.resolve("/q/openapi?format=json")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);
    return json.readTree(answer.body());
  }

  /**
   * The codes the document allows for this request's operation: a path it does not have is 404,
   * another method of a path it has 405.
   */
  private Set<Integer> documented(
      HostileRequests.Request request, Optional<OpenApiOperations.Operation> operation) {
    return operation
        .map(OpenApiOperations.Operation::statuses)
        .orElseGet(() -> operations.knowsPath(request.path()) ? Set.of(405) : Set.of(404));
  }

  /**
   * The dead-letter operations show admins why a record failed as its dead letter says it (the
   * exception's class and SQLState, never a statement, ADR 031) and the record itself.
   */
  private static boolean quotesFailures(Optional<OpenApiOperations.Operation> operation) {
    return operation.map(o -> o.name().contains("/api/v1/admin/dead-letters")).orElse(false);
  }

  private void check(
      HostileRequests.Request request,
      Optional<OpenApiOperations.Operation> operation,
      HttpResponse<String> answer) {
    int status = answer.statusCode();
    String body = answer.body();
    if (status >= 500 || status < 200 || (status >= 300 && status < 400)) {
      violations.add(describe(request) + " -> " + status + " " + abbreviate(body));
      return;
    }
    // OPTIONS is answered by the HTTP layer for any path (200, the allowed methods), not an
    // operation
    Set<Integer> documented = documented(request, operation);
    if (!request.method().equals("OPTIONS") && !documented.contains(status)) {
      violations.add(
          describe(request)
              + " -> "
              + status
              + ", not among the documented "
              + documented
              + ": "
              + abbreviate(body));
    }
    if (!quotesFailures(operation) && INTERNALS.matcher(body).find()) {
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

  /**
   * Counts what an answer says was written, to compare with what was written: a 2xx, and a change
   * the worker refused with 409 (its command was published; an order the read model lacks is
   * answered 404 before any command).
   */
  private void account(
      HostileRequests.Request request,
      Optional<OpenApiOperations.Operation> operation,
      HttpResponse<String> answer) {
    int status = answer.statusCode();
    boolean success = status >= 200 && status < 300;
    String name = operation.map(OpenApiOperations.Operation::name).orElse("");
    JsonNode body;
    try {
      body = answer.body().isEmpty() ? null : json.readTree(answer.body());
    } catch (Exception e) {
      body = null;
    }
    switch (name) {
      case "POST /api/v1/orders" -> {
        if (success && body != null && body.has("order_id")) {
          acceptedOrders.add(body.get("order_id").asLong());
          String owner = body.path("user_id").asText();
          // HTTP trims a header's value, and a blank key is no key
          Optional.ofNullable(request.headers().get("Idempotency-Key"))
              .map(String::strip)
              .filter(key -> !key.isEmpty())
              .ifPresent(key -> idempotencyKeys.add(owner + " " + key));
        }
      }
      case "POST /api/v1/orders/status/bulk" -> {
        if (success && body != null && body.isArray()) {
          orderCommands.addAndGet(body.size());
        }
      }
      case "PUT /api/v1/orders/{id}/status", "DELETE /api/v1/orders/{id}" -> {
        if (success || status == 409) {
          orderCommands.incrementAndGet();
        }
      }
      case "POST /api/v1/products",
          "PUT /api/v1/products/{id}",
          "POST /api/v1/products/{id}/restock" -> {
        if (success) {
          inventoryCommands.incrementAndGet();
        }
      }
      case "POST /api/v1/admin/dead-letters/{id}/replay",
          "DELETE /api/v1/admin/dead-letters/{id}" -> {
        if (success) {
          deadLettersResolved.incrementAndGet();
        }
      }
      case "POST /api/v1/auth/register" -> {
        if (success) {
          registrations.incrementAndGet();
        }
      }
      default -> {
        // reads, sessions and the password: nothing counted here
      }
    }
  }

  private record Counts(
      long users,
      long orders,
      long idempotencyKeys,
      Map<TopicPartition, Long> orderCommands,
      long inventoryCommands,
      long deadLettersResolved) {}

  private Counts counts() throws SQLException {
    try (Connection c = database.getConnection();
        ResultSet users = c.createStatement().executeQuery("SELECT count(*) FROM users");
        ResultSet orders = c.createStatement().executeQuery("SELECT count(*) FROM orders");
        ResultSet keys = c.createStatement().executeQuery("SELECT count(*) FROM idempotency_keys");
        ResultSet resolved =
            c.createStatement()
                .executeQuery("SELECT count(*) FROM dead_letters WHERE state <> 'pending'")) {
      users.next();
      orders.next();
      keys.next();
      resolved.next();
      return new Counts(
          users.getLong(1),
          orders.getLong(1),
          keys.getLong(1),
          endOffsets(Topics.ORDERS_COMMANDS),
          endOffsets(Topics.INVENTORY_COMMANDS).values().stream().mapToLong(Long::longValue).sum(),
          resolved.getLong(1));
    }
  }

  private static Map<TopicPartition, Long> endOffsets(String topic) {
    try (Admin admin = Admin.create(kafka())) {
      var partitions =
          admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
      Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
      partitions.forEach(
          p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
      Map<TopicPartition, Long> offsets = new java.util.HashMap<>();
      admin.listOffsets(latest).all().get().forEach((tp, o) -> offsets.put(tp, o.offset()));
      return offsets;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the end offsets of " + topic, e);
    }
  }

  /** The commands published on each partition between two sets of end offsets. */
  private static List<OrderCommand> orderCommandsBetween(
      Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
    Map<String, Object> config = new java.util.HashMap<>(kafka());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<OrderCommand> commands = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(to.keySet());
      to.keySet().forEach(tp -> consumer.seek(tp, from.getOrDefault(tp, 0L)));
      long expected =
          to.entrySet().stream()
              .mapToLong(e -> e.getValue() - from.getOrDefault(e.getKey(), 0L))
              .sum();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                for (ConsumerRecord<String, byte[]> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  if (record.offset()
                      < to.get(new TopicPartition(record.topic(), record.partition()))) {
                    commands.add(MessageJson.read(record.value(), OrderCommand.class));
                  }
                }
                return commands.size() >= expected;
              });
    }
    return commands;
  }

  /** The test's Kafka login (the super user), for reading offsets and commands. */
  private static Map<String, Object> kafka() {
    return InfrastructureTestResource.infrastructure().kafkaClientConfig();
  }

  private void aNormalOrderIsStillAccepted() throws Exception {
    String token = OrderApiClient.token(9502, "customer");
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
                + " answers account for %d, %d, %d (+ retries), %d; %d violations%n",
            after.users() - before.users(),
            after.orders() - before.orders(),
            total(after.orderCommands()) - total(before.orderCommands()),
            after.inventoryCommands() - before.inventoryCommands(),
            registrations.get(),
            acceptedOrders.size(),
            acceptedOrders.size() + orderCommands.get(),
            inventoryCommands.get(),
            violations.size()));
    violations.stream().limit(30).forEach(v -> summary.append("  ! ").append(v).append('\n'));
    System.out.println(summary);
  }

  private static long total(Map<TopicPartition, Long> offsets) {
    return offsets.values().stream().mapToLong(Long::longValue).sum();
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
