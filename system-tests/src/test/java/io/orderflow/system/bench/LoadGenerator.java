package io.orderflow.system.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends {@code POST /api/v1/orders/} from this JVM over pools of keep-alive connections (Vert.x
 * core's HTTP client, a few microseconds of CPU per request), either closed-loop (each connection
 * sends its next order when the previous one is answered) or open-loop (orders at a fixed rate
 * whatever the answers, latency counted from when each was due, so queueing is not hidden).
 * Requests go to the targets in turn and carry the users' tokens in turn, continuing from phase to
 * phase, so that every customer's pending orders grow alike (the worker caps them per customer).
 */
final class LoadGenerator implements AutoCloseable {
  private static final String PATH = "/api/v1/orders/";
  private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final Vertx vertx = Vertx.vertx();
  private final List<String> tokens;
  private final AtomicLong nextToken = new AtomicLong();
  private final Duration timeout;

  LoadGenerator(List<String> tokens, Duration requestTimeout) {
    this.tokens = List.copyOf(tokens);
    this.timeout = requestTimeout;
  }

  /** A phase under way: its window closes, then its last requests are answered or given up. */
  final class Run {
    private final HttpClient client;
    private final AnswerLog log;
    private final long windowEnd;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean sending = true;

    private Run(int connectionsPerTarget, Duration window) {
      this.client =
          vertx.createHttpClient(
              new HttpClientOptions()
                  .setKeepAlive(true)
                  .setTcpNoDelay(true)
                  .setConnectTimeout((int) Math.min(timeout.toMillis(), 10_000)),
              new PoolOptions().setHttp1MaxSize(connectionsPerTarget).setMaxWaitQueueSize(-1));
      long start = System.nanoTime();
      this.windowEnd = start + window.toNanos();
      this.log = new AnswerLog(start, windowEnd, timeout);
    }

    /** Blocks until the measuring window is over (no request is sent after it). */
    void awaitWindow() throws InterruptedException {
      long left;
      while ((left = windowEnd - System.nanoTime()) > 0) {
        TimeUnit.NANOSECONDS.sleep(left);
      }
      sending = false;
    }

    /**
     * Blocks until every request sent has ended, at most the request timeout and 5 s; those still
     * open then count as unanswered.
     */
    AnswerLog awaitAnswers() throws InterruptedException {
      awaitWindow();
      if (inFlight.get() == 0) {
        done.countDown();
      }
      done.await(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
      log.unanswered(inFlight.get());
      client.close();
      return log;
    }

    private boolean sending() {
      return sending && System.nanoTime() < windowEnd;
    }

    /** Sends one order to {@code target}; {@code then} runs once it has ended. */
    private void send(URI target, long due, OrderMix mix, Runnable then) {
      inFlight.incrementAndGet();
      RequestOptions options =
          new RequestOptions()
              .setMethod(HttpMethod.POST)
              .setHost(target.getHost())
              .setPort(target.getPort())
              .setURI(PATH)
              .setTimeout(timeout.toMillis())
              .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
              .putHeader(
                  HttpHeaders.AUTHORIZATION,
                  "Bearer " + tokens.get((int) (nextToken.getAndIncrement() % tokens.size())));
      if (mix.keyed()) {
        options.putHeader(IDEMPOTENCY_KEY, UUID.randomUUID().toString());
      }
      client
          .request(options)
          .compose(
              request ->
                  request
                      .send(mix.next())
                      .compose(
                          response ->
                              response
                                  .body()
                                  .map(body -> Answer.of(response.statusCode(), body.toString()))))
          .recover(failure -> Future.succeededFuture(Answer.of(failure)))
          .onSuccess(
              answer -> {
                log.record(due, System.nanoTime(), answer);
                then.run();
                if (inFlight.decrementAndGet() == 0 && !sending) {
                  done.countDown();
                }
              });
    }
  }

  /** {@code connections} clients, spread evenly over the targets, each ordering back to back. */
  Run closedLoop(List<URI> targets, OrderMix mix, int connections, Duration window) {
    Run run = new Run(perTarget(connections, targets), window);
    for (int c = 0; c < connections; c++) {
      URI target = targets.get(c % targets.size());
      loop(run, target, mix);
    }
    return run;
  }

  private void loop(Run run, URI target, OrderMix mix) {
    if (run.sending()) {
      run.send(target, System.nanoTime(), mix, () -> loop(run, target, mix));
    }
  }

  /**
   * Orders at {@code perSecond}, due at fixed intervals, whatever the answers; with all {@code
   * connections} busy, a request waits for one, and that wait counts in its latency.
   */
  Run openLoop(
      List<URI> targets, OrderMix mix, double perSecond, int connections, Duration window) {
    Run run = new Run(perTarget(connections, targets), window);
    Thread pacer =
        new Thread(
            () -> {
              long start = System.nanoTime();
              double interval = 1e9 / perSecond;
              for (long n = 0; ; n++) {
                long due = start + Math.round(n * interval);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                  LockSupport.parkNanos(wait);
                }
                if (!run.sending()) {
                  return;
                }
                run.send(targets.get((int) (n % targets.size())), due, mix, () -> {});
              }
            },
            "bench-open-loop");
    pacer.setDaemon(true);
    pacer.start();
    return run;
  }

  private static int perTarget(int connections, List<URI> targets) {
    return Math.max(1, (connections + targets.size() - 1) / targets.size());
  }

  @Override
  public void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
}
