package io.orderflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.stack.DevTokens;
import io.orderflow.stack.Infrastructure;
import io.orderflow.stack.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A whole pipeline of its own for a test class that kills, stops or restarts parts of it, so that
 * the stack shared by the other tests ({@link PipelineStack}, built on this class) is never
 * disturbed. Services are added one by one with their own configuration and log file, and can be
 * killed and started again.
 */
final class IsolatedStack implements AutoCloseable {
  static final Duration READY_WITHIN = Duration.ofSeconds(90);

  /** Where every service answers readiness, on its management port. */
  static final String READINESS_PATH = "/q/health/ready";

  private static final ObjectMapper JSON = new ObjectMapper();

  final Infrastructure infrastructure;
  private final List<ServiceProcess> services = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  IsolatedStack() {
    infrastructure = Infrastructure.forTests();
  }

  /**
   * Starts a packaged service with the infrastructure's addresses, its own database role and Kafka
   * user plus {@code extra}, and waits until it is ready. The log goes to {@code
   * <module>/target/<name>.log}.
   */
  ServiceProcess start(String name, String module, Map<String, String> extra) {
    ServiceProcess service = configured(name, module, extra);
    try {
      // a restart appends to it; a new run starts afresh, so its lines are this run's
      Files.deleteIfExists(service.logFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    services.add(service);
    service.start();
    service.waitUntilReady(READY_WITHIN);
    return service;
  }

  /**
   * A packaged service with the infrastructure's addresses, its own database role and Kafka user
   * plus {@code extra} on free ports, not started: {@link #start} runs it as a process, {@link
   * ServiceContainer} its image.
   */
  ServiceProcess configured(String name, String module, Map<String, String> extra) {
    Map<String, String> config = new HashMap<>(infrastructure.serviceConfig(module));
    config.put("quarkus.http.host", "127.0.0.1");
    config.putAll(extra);
    return new ServiceProcess(name, module, freePort(), freePort(), config);
  }

  String token(long userId) {
    return token(userId, "customer");
  }

  String token(long userId, String role) {
    return DevTokens.mint(
        Path.of(infrastructure.quarkusConfig().get("smallrye.jwt.sign.key.location")),
        userId,
        role,
        Duration.ofMinutes(30));
  }

  HttpRequest placeRequest(ServiceProcess api, String token, String body) {
    return HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/v1/orders/"))
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  HttpResponse<String> place(ServiceProcess api, long userId, Map<Long, Integer> lines) {
    return send(placeRequest(api, token(userId), OrderBodies.json(lines)));
  }

  HttpResponse<String> get(ServiceProcess api, long userId, String path) {
    return send(
        HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token(userId))
            .GET()
            .build());
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The readiness check's status code, or -1 when the service does not answer. */
  int readiness(ServiceProcess service) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create(service.managementUrl() + READINESS_PATH))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The service's whole log so far. */
  static String log(ServiceProcess service) {
    try {
      return Files.exists(service.logFile()) ? Files.readString(service.logFile()) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + body, e);
    }
  }

  long product(String name, String price, int onHand) throws SQLException {
    List<List<Object>> rows =
        query(
            "INSERT INTO inventory.products (name, price, on_hand) VALUES (?, ?, ?) RETURNING id",
            name,
            new BigDecimal(price),
            onHand);
    return (Long) rows.get(0).get(0);
  }

  /** Rows of a query, each a list of its column values. */
  List<List<Object>> query(String sql, Object... parameters) throws SQLException {
    try (Connection c = infrastructure.jdbc();
        PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      List<List<Object>> rows = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          List<Object> row = new ArrayList<>(columns);
          for (int column = 1; column <= columns; column++) {
            row.add(rs.getObject(column));
          }
          rows.add(row);
        }
      }
      return rows;
    }
  }

  long count(String sql, Object... parameters) throws SQLException {
    return ((Number) query(sql, parameters).get(0).get(0)).longValue();
  }

  /** Waits up to a minute for the notifier to have sent exactly one notification of the order. */
  void awaitOneNotification(long orderId) {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        count(
                            "SELECT count(*) FROM notification.sent_notifications"
                                + " WHERE order_id = ?",
                            orderId))
                    .isEqualTo(1));
  }

  /** Records of {@code topic} not yet committed by {@code group}, over all partitions. */
  long lag(String group, String topic) throws Exception {
    try (Admin admin = admin()) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      long lag = 0;
      for (Map.Entry<TopicPartition, Long> end : endOffsets(admin, topic).entrySet()) {
        OffsetAndMetadata done = committed.get(end.getKey());
        lag += end.getValue() - (done == null ? 0 : done.offset());
      }
      return lag;
    }
  }

  /** The current end offset of every partition of {@code topic}. */
  private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    admin
        .describeTopics(List.of(topic))
        .allTopicNames()
        .get()
        .get(topic)
        .partitions()
        .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
    Map<TopicPartition, Long> ends = new HashMap<>();
    admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
    return ends;
  }

  /** Every record of {@code topic} from the beginning up to its current end, values as JSON. */
  List<ConsumerRecord<String, JsonNode>> readAll(String topic) throws Exception {
    List<ConsumerRecord<String, JsonNode>> all = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> r : readRaw(topic)) {
      all.add(
          new ConsumerRecord<>(
              r.topic(),
              r.partition(),
              r.offset(),
              r.key(),
              r.value() == null ? null : JSON.readTree(r.value())));
    }
    return all;
  }

  /**
   * Every record of {@code topic} from the beginning up to its current end, as stored, headers
   * included (a dead letter need not be JSON).
   */
  List<ConsumerRecord<String, byte[]>> readRaw(String topic) throws Exception {
    Map<TopicPartition, Long> ends;
    try (Admin admin = admin()) {
      ends = endOffsets(admin, topic);
    }
    Map<String, Object> props = new HashMap<>(infrastructure.kafkaClientConfig());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "system-test-reader-" + UUID.randomUUID());
    List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(ends.keySet());
      consumer.seekToBeginning(ends.keySet());
      Instant deadline = Instant.now().plusSeconds(60);
      while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("could not read " + topic + " up to " + ends);
        }
        consumer.poll(Duration.ofMillis(500)).forEach(all::add);
      }
    }
    return all;
  }

  private Admin admin() {
    Map<String, Object> config = new HashMap<>(infrastructure.kafkaClientConfig());
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    return Admin.create(config);
  }

  /** Status code counts, for assertion messages. */
  static Map<Integer, Long> histogram(List<Integer> statuses) {
    return statuses.stream()
        .collect(Collectors.groupingBy(s -> s, LinkedHashMap::new, Collectors.counting()));
  }

  @Override
  public void close() {
    // all at once: one by one, each order-api's graceful shutdown adds its own seconds, and the
    // JVM exit that runs this hook is killed by surefire after 30 s
    List<Thread> stopping = new ArrayList<>();
    for (ServiceProcess service : services) {
      Thread stop = new Thread(service::stop, "stop " + service);
      stop.start();
      stopping.add(stop);
    }
    try {
      for (Thread stop : stopping) {
        stop.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    infrastructure.close();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
