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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;

/**
 * Everything the benchmark runs against, on one machine: Kafka, durable PostgreSQL (fsync and
 * synchronous commit on) and Redis; orderflow's services (two order-api instances, the worker, the
 * notification consumer) and the reference service, each from its packaged jar.
 */
final class BenchStack implements AutoCloseable {
  /** The name under which {@link #processIds()} lists this JVM, which runs the load generator. */
  static final String GENERATOR = "load-generator";

  static final Duration READY_WITHIN = Duration.ofSeconds(120);
  static final long FIRST_USER = 100_001;

  final Infrastructure infrastructure;
  final ServiceProcess apiA;
  final ServiceProcess apiB;
  final ServiceProcess worker;
  final ServiceProcess notifications;
  final ServiceProcess reference;
  private final List<ServiceProcess> services;

  private BenchStack(Infrastructure infrastructure) {
    this.infrastructure = infrastructure;
    Map<String, String> config = new HashMap<>(infrastructure.quarkusConfig());
    apiA = new ServiceProcess("order-api-a", "order-api", freePort(), freePort(), config);
    apiB = new ServiceProcess("order-api-b", "order-api", freePort(), freePort(), config);
    // 64 customers stand for a whole shop's buyers and never confirm: the per-customer caps
    // (ADR 019) would reject most orders, so the worker runs without them here
    Map<String, String> workerConfig = new HashMap<>(config);
    workerConfig.put("orderflow.worker.customer-caps.enabled", "false");
    worker =
        new ServiceProcess(
            "inventory-worker", "inventory-worker", freePort(), freePort(), workerConfig);
    notifications =
        new ServiceProcess(
            "notification-consumer", "notification-consumer", freePort(), freePort(), config);
    reference =
        new ServiceProcess(
            "reference-service", "bench/reference-service", freePort(), freePort(), config);
    services = List.of(worker, apiA, apiB, notifications, reference);
  }

  /** Starts the infrastructure and every service, and returns once all are ready. */
  static BenchStack start() {
    Infrastructure infrastructure = Infrastructure.forBenchmarks();
    BenchStack stack = new BenchStack(infrastructure);
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

  List<ServiceProcess> orderApis() {
    return List.of(apiA, apiB);
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

  /** Customer tokens, one per user, valid for {@code lifetime}. */
  List<String> customerTokens(int users, Duration lifetime) {
    return LongStream.range(FIRST_USER, FIRST_USER + users)
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
