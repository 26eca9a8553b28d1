package io.orderflow.api.bench;

import io.orderflow.stack.DevTokens;
import io.orderflow.stack.Infrastructure;
import io.orderflow.stack.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What the bearer-token check costs per request, measured against the packaged order-api on real
 * infrastructure. Not a test: run it by hand (see docs/performance/README.md, "Token check cost").
 *
 * <p>Three request kinds to {@code GET /api/v1/users/me}, all answered 401 before any endpoint or
 * database work, so they differ only in how far the token check gets:
 *
 * <ol>
 *   <li>no token: no check at all (the baseline);
 *   <li>a token signed by another key: parse + RS256 signature check, then refused;
 *   <li>a deny-listed token: parse + signature + claims + the Redis deny-list lookup, then refused.
 * </ol>
 *
 * (3) minus (1) is the full cost of the check a valid token pays on every request.
 */
public final class TokenCheckBenchmark {
  private static final int WARMUP = 3_000;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  public static void main(String[] args) throws Exception {
    int requests = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    try (Infrastructure infrastructure = Infrastructure.forTests();
        ServiceProcess api =
            new ServiceProcess(
                "order-api-bench", "order-api", 18080, 19080, quietConfig(infrastructure))) {
      api.start().waitUntilReady(Duration.ofMinutes(2));
      String url = api.baseUrl() + "/api/v1/users/me";
      Path signingKey = infrastructure.keys().privateKey();
      String denied = DevTokens.mint(signingKey, 7, "customer", Duration.ofHours(1));
      int loggedOut =
          send(
              HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/v1/auth/logout"))
                  .header("Authorization", "Bearer " + denied)
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build());
      if (loggedOut != 204) {
        throw new IllegalStateException("logout answered " + loggedOut);
      }
      String foreign = DevTokens.mint(otherKey(infrastructure), 7, "customer", Duration.ofHours(1));

      List<Case> cases =
          List.of(
              new Case("no token (baseline)", get(url, null)),
              new Case("bad signature", get(url, foreign)),
              new Case("deny-listed (full check)", get(url, denied)));
      for (Case c : cases) {
        run(c.request, WARMUP, concurrency);
      }
      System.out.printf("%d requests per kind, %d concurrent%n", requests, concurrency);
      for (Case c : cases) {
        double seconds = run(c.request, requests, concurrency);
        System.out.printf(
            "  %-26s %8.0f req/s   %6.3f ms per request%n",
            c.name, requests / seconds, seconds * 1000 * concurrency / requests);
      }
    }
  }

  /** Every refusal is logged; that would be measured instead of the check. */
  private static Map<String, String> quietConfig(Infrastructure infrastructure) {
    Map<String, String> config = new HashMap<>(infrastructure.quarkusConfig("order-api"));
    config.put("quarkus.log.level", "ERROR");
    return config;
  }

  private record Case(String name, HttpRequest request) {}

  private static HttpRequest get(String url, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request.build();
  }

  /** Seconds taken for {@code total} requests from {@code concurrency} threads; all must be 401. */
  private static double run(HttpRequest request, int total, int concurrency) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      long begin = System.nanoTime();
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < concurrency; w++) {
        workers.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < total / concurrency; i++) {
                    int status = send(request);
                    if (status != 401) {
                      throw new IllegalStateException("expected 401, got " + status);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
      return (System.nanoTime() - begin) / 1e9;
    } finally {
      pool.shutdownNow();
    }
  }

  private static int send(HttpRequest request) throws Exception {
    return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** A second dev key pair, next to the real one; the service does not trust it. */
  private static Path otherKey(Infrastructure infrastructure) {
    Path dir = infrastructure.keys().privateKey().getParent().resolveSibling("bench-foreign-keys");
    return io.orderflow.stack.DevKeys.in(dir).privateKey();
  }

  private TokenCheckBenchmark() {}
}
