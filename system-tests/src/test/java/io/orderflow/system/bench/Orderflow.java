package io.orderflow.system.bench;

import io.orderflow.stack.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The pipeline: order-api (one instance, or two), the worker, the notification consumer, with
 * Kafka, PostgreSQL and Redis. Products are created through the admin API, as a shop would; stock
 * and stages are read from the worker's {@code inventory} and order-api's {@code sales} schemas.
 */
final class Orderflow implements Contender {
  private static final int CREATING_AT_ONCE = 16;
  private static final Duration PRODUCTS_WITHIN = Duration.ofSeconds(180);

  private final BenchStack stack;
  private final ConsumerLag lag;
  private final Duration quietLimit;
  private final String adminToken;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /**
   * @param quietLimit how long reading stock or stages waits for the pipeline to decide and project
   *     what it has accepted (orders answered 202 included)
   */
  Orderflow(BenchStack stack, ConsumerLag lag, Duration quietLimit, String adminToken) {
    this.stack = stack;
    this.lag = lag;
    this.quietLimit = quietLimit;
    this.adminToken = adminToken;
  }

  @Override
  public String name() {
    return "orderflow";
  }

  @Override
  public List<URI> targets() {
    return stack.orderApis().stream().map(api -> URI.create(api.baseUrl())).toList();
  }

  @Override
  public Set<String> processes() {
    Set<String> processes =
        new HashSet<>(
            Set.of("kafka", "postgres", "redis", stack.worker.name(), stack.notifications.name()));
    stack.orderApis().forEach(api -> processes.add(api.name()));
    return processes;
  }

  /**
   * {@code POST /api/v1/products/} as admin, a few at a time; the ids are looked up by name in the
   * worker's table, so that a 202 (created later) is no loss.
   */
  @Override
  public List<Long> createProducts(String prefix, int count, int stock) throws Exception {
    List<String> names = IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toList();
    Semaphore slots = new Semaphore(CREATING_AT_ONCE);
    List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      ServiceProcess api = stack.orderApis().get(i % stack.orderApis().size());
      slots.acquire();
      sent.add(
          http.sendAsync(
                  HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/v1/products/"))
                      .timeout(Duration.ofSeconds(60))
                      .header("Content-Type", "application/json")
                      .header("Authorization", "Bearer " + adminToken)
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"name\":\""
                                  + names.get(i)
                                  + "\",\"price\":9.99,\"on_hand\":"
                                  + stock
                                  + "}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .whenComplete((response, failure) -> slots.release()));
    }
    for (CompletableFuture<HttpResponse<String>> response : sent) {
      int status = response.get().statusCode();
      if (status != 201 && status != 202) {
        throw new IllegalStateException(
            "creating a product answered " + status + ": " + response.get().body());
      }
    }
    return idsByName(names);
  }

  private List<Long> idsByName(List<String> names) throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + PRODUCTS_WITHIN.toNanos();
    try (Connection c = stack.jdbc();
        PreparedStatement select =
            c.prepareStatement("SELECT name, id FROM inventory.products WHERE name = ANY (?)")) {
      select.setArray(1, c.createArrayOf("text", names.toArray()));
      while (true) {
        Map<String, Long> ids = new HashMap<>();
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            ids.put(rs.getString(1), rs.getLong(2));
          }
        }
        if (ids.size() == names.size()) {
          return names.stream().map(ids::get).toList();
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the worker created " + ids.size() + " of " + names.size() + " products");
        }
        TimeUnit.MILLISECONDS.sleep(200);
      }
    }
  }

  @Override
  public StockCount stock(List<Long> products) throws SQLException, InterruptedException {
    lag.awaitQuiet(quietLimit);
    try (Connection c = stack.jdbc();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT p.on_hand, p.reserved, (SELECT coalesce(sum(i.quantity), 0)"
                    + " FROM inventory.order_items i JOIN inventory.orders o ON o.id = i.order_id"
                    + " WHERE i.product_id = p.id AND o.status = 'pending')"
                    + " FROM inventory.products p WHERE p.id = ANY (?)")) {
      select.setArray(1, c.createArrayOf("bigint", products.toArray()));
      long onHand = 0;
      long sold = 0;
      long left = 0;
      long negative = 0;
      long unbalanced = 0;
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          long productOnHand = rs.getLong(1);
          long reserved = rs.getLong(2);
          long productSold = rs.getLong(3);
          onHand += productOnHand;
          sold += productSold;
          left += productOnHand - reserved;
          negative += productOnHand < 0 || reserved < 0 || productOnHand - reserved < 0 ? 1 : 0;
          unbalanced += reserved != productSold ? 1 : 0;
        }
      }
      return new StockCount(onHand, sold, left, negative, unbalanced);
    }
  }

  /**
   * The worker's orders placed (by order-api's clock) in the window; a cap's rejection names the
   * cap in its {@code reason} ("Too many pending orders: ...", "Too many units reserved: ...",
   * {@code CustomerCaps}), kept in the order's last event.
   */
  @Override
  public Decisions decisions(Instant from, Instant to) throws SQLException, InterruptedException {
    lag.awaitQuiet(quietLimit);
    try (Connection c = stack.jdbc();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT count(*), count(*) FILTER (WHERE status = 'rejected'"
                    + "   AND convert_from(last_event, 'UTF8')::jsonb ->> 'reason'"
                    + "     LIKE 'Too many %')"
                    + " FROM inventory.orders WHERE placed_at >= ? AND placed_at < ?")) {
      select.setObject(1, from.atOffset(ZoneOffset.UTC));
      select.setObject(2, to.atOffset(ZoneOffset.UTC));
      try (ResultSet rs = select.executeQuery()) {
        rs.next();
        return new Decisions(rs.getLong(1), rs.getLong(2), true);
      }
    }
  }

  @Override
  public Optional<Stages> stages(Instant from, Instant to)
      throws SQLException, InterruptedException {
    lag.awaitQuiet(quietLimit);
    try (Connection c = stack.jdbc()) {
      return Optional.of(Stages.placedBetween(c, from, to));
    }
  }
}
