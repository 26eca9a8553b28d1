package io.orderflow.system.bench;

import io.orderflow.stack.DevTokens;
import io.orderflow.stack.Infrastructure;
import io.orderflow.stack.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * Everything the benchmark runs against, on one machine: Kafka, durable PostgreSQL (fsync and
 * synchronous commit on) and Redis; orderflow's services (one order-api instance as {@code
 * deploy/local/run} starts, or two, the worker, the notification consumer) and the reference
 * service, each from its packaged jar and in its production configuration (the worker's
 * per-customer caps included).
 */
final class BenchStack implements AutoCloseable {
  /** The name under which {@link #processIds()} lists this JVM, which runs the load generator. */
  static final String GENERATOR = "load-generator";

  static final Duration READY_WITHIN = Duration.ofSeconds(120);
  static final long FIRST_USER = 100_001;

  private static final String ORDER_API = "order-api";
  private static final String WORKER = "inventory-worker";
  private static final String NOTIFICATIONS = "notification-consumer";

  final Infrastructure infrastructure;
  private final List<ServiceProcess> orderApis;
  final ServiceProcess worker;
  final ServiceProcess notifications;
  final ServiceProcess reference;
  private final List<ServiceProcess> services;

  /**
   * @param orderApis 1 ({@code order-api}) or 2 ({@code order-api-a}, {@code order-api-b})
   */
  private BenchStack(Infrastructure infrastructure, int orderApis) {
    this.infrastructure = infrastructure;
    this.orderApis =
        IntStream.range(0, orderApis)
            .mapToObj(
                i ->
                    new ServiceProcess(
                        orderApis == 1 ? ORDER_API : ORDER_API + "-" + (char) ('a' + i),
                        ORDER_API,
                        freePort(),
                        freePort(),
                        infrastructure.serviceConfig(ORDER_API)))
            .toList();
    worker =
        new ServiceProcess(
            WORKER, WORKER, freePort(), freePort(), infrastructure.serviceConfig(WORKER));
    notifications =
        new ServiceProcess(
            NOTIFICATIONS,
            NOTIFICATIONS,
            freePort(),
            freePort(),
            infrastructure.serviceConfig(NOTIFICATIONS));
    // it uses no Kafka; the super user's keys are ignored by it
    reference =
        new ServiceProcess(
            "reference-service",
            "bench/reference-service",
            freePort(),
            freePort(),
            infrastructure.quarkusConfig("bench/reference-service"));
    List<ServiceProcess> all = new ArrayList<>(List.of(worker));
    all.addAll(this.orderApis);
    all.addAll(List.of(notifications, reference));
    services = List.copyOf(all);
  }

  /** Starts the infrastructure and every service, and returns once all are ready. */
  static BenchStack start(int orderApis) {
    Infrastructure infrastructure = Infrastructure.forBenchmarks();
    BenchStack stack = new BenchStack(infrastructure, orderApis);
    try {
      stack.services.forEach(ServiceProcess::start);
      for (ServiceProcess service : stack.services) {
        service.waitUntilReady(READY_WITHIN);
      }
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  /** Whether {@link #processIds()} names one of orderflow's own services by this name. */
  static boolean isOrderflowService(String name) {
    return name.startsWith(ORDER_API) || name.equals(WORKER) || name.equals(NOTIFICATIONS);
  }

  /** The order-api instances that run. */
  List<ServiceProcess> orderApis() {
    return orderApis;
  }

  /** Root process of each server and service that runs now, and of this JVM. */
  Map<String, Long> processIds() {
    Map<String, Long> pids = new TreeMap<>(infrastructure.processIds());
    for (ServiceProcess service : services) {
      service.pid().ifPresent(pid -> pids.put(service.name(), pid));
    }
    pids.put(GENERATOR, ProcessHandle.current().pid());
    return pids;
  }

  void stopWorker() {
    worker.stop();
  }

  /** Starts the worker without waiting for it. */
  void launchWorker() {
    worker.start();
  }

  /** Customer tokens, one per user, valid for {@code lifetime}; signed on every core. */
  List<String> customerTokens(int users, Duration lifetime) {
    return LongStream.range(FIRST_USER, FIRST_USER + users)
        .parallel()
        .mapToObj(user -> DevTokens.mint(signingKey(), user, "customer", lifetime))
        .toList();
  }

  String adminToken(Duration lifetime) {
    return DevTokens.mint(signingKey(), 1, "admin", lifetime);
  }

  Connection jdbc() throws SQLException {
    return infrastructure.jdbc();
  }

  @Override
  public void close() {
    List<ServiceProcess> running = new ArrayList<>(services);
    Collections.reverse(running);
    running.forEach(ServiceProcess::stop);
    infrastructure.close();
  }

  private Path signingKey() {
    return infrastructure.keys().privateKey();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
