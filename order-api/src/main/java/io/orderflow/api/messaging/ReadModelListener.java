package io.orderflow.api.messaging;

import io.agroal.api.AgroalDataSource;
import io.orderflow.api.persistence.Announcements;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Wakes requests waiting for the read model to change: an order (key {@link #orderKey}) or the
 * outcome of a product command (key {@link #commandKey}). Whichever order-api instance projects the
 * event, PostgreSQL's NOTIFY reaches every instance after the read model committed, so the woken
 * request (and any later GET on any instance) sees the new state. One notification carries the keys
 * of a whole projected batch, separated by {@link Announcements#SEPARATOR}.
 */
@ApplicationScoped
public class ReadModelListener {
  private static final Logger LOG = Logger.getLogger(ReadModelListener.class);
  private static final int POLL_MILLIS = 500;

  private final AgroalDataSource dataSource;
  private final Map<String, Set<CompletableFuture<Void>>> waiting = new ConcurrentHashMap<>();
  private volatile boolean running;
  private Thread thread;

  ReadModelListener(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  public static String orderKey(long orderId) {
    return "order:" + orderId;
  }

  public static String commandKey(UUID commandId) {
    return "command:" + commandId;
  }

  /**
   * Completes at the next committed change under this key. Several requests may wait for one key;
   * each calls {@link #forget} with its own future when done.
   */
  private CompletableFuture<Void> expect(String key) {
    CompletableFuture<Void> future = new CompletableFuture<>();
    waiting.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(future);
    return future;
  }

  /**
   * Subscribes to {@code trigger}, then emits true at the next committed change under {@code key},
   * or false when {@code within} passed first. The expectation starts before the trigger, so a
   * change the trigger causes is never missed, and it ends with the returned Uni. Holds no thread.
   */
  public Uni<Boolean> changeAfter(String key, Uni<?> trigger, Duration within) {
    return Uni.createFrom()
        .deferred(
            () -> {
              CompletableFuture<Void> changed = expect(key);
              return trigger
                  .chain(
                      () ->
                          Uni.createFrom()
                              .completionStage(changed)
                              .replaceWith(true)
                              .ifNoItem()
                              .after(within)
                              .recoverWithItem(false))
                  .onTermination()
                  .invoke(() -> forget(key, changed));
            });
  }

  private void forget(String key, CompletableFuture<Void> future) {
    waiting.computeIfPresent(
        key,
        (k, futures) -> {
          futures.remove(future);
          return futures.isEmpty() ? null : futures;
        });
  }

  /**
   * Reads {@code lookup} until it finds something or the deadline ({@link System#nanoTime()})
   * passes, reading again at every change announced under {@code key}.
   */
  public <T> Optional<T> await(String key, Supplier<Optional<T>> lookup, long deadline) {
    while (true) {
      CompletableFuture<Void> changed = expect(key);
      try {
        Optional<T> found = lookup.get();
        long remaining = deadline - System.nanoTime();
        if (found.isPresent() || remaining <= 0) {
          return found;
        }
        changed.get(remaining, TimeUnit.NANOSECONDS);
      } catch (TimeoutException | ExecutionException e) {
        return lookup.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      } finally {
        forget(key, changed);
      }
    }
  }

  void start(@Observes StartupEvent event) {
    running = true;
    thread = new Thread(this::run, "read-model-listener");
    thread.setDaemon(true);
    thread.start();
  }

  void stop(@Observes ShutdownEvent event) throws InterruptedException {
    running = false;
    thread.join(2 * POLL_MILLIS);
  }

  private void run() {
    while (running) {
      try (Connection c = dataSource.getConnection()) {
        try (Statement listen = c.createStatement()) {
          listen.execute("LISTEN " + Announcements.CHANNEL);
        }
        PGConnection pg = c.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
          if (notifications != null) {
            for (PGNotification n : notifications) {
              for (String key : n.getParameter().split(Announcements.SEPARATOR)) {
                wake(key);
              }
            }
          }
        }
      } catch (SQLException | RuntimeException e) {
        // waiting requests fall back to reading the read model when their wait ends
        LOG.warnf("order change listener lost its connection, reconnecting: %s", e.toString());
        pause();
      }
    }
  }

  private void wake(String key) {
    Set<CompletableFuture<Void>> waiters = waiting.get(key);
    if (waiters != null) {
      waiters.forEach(w -> w.complete(null));
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
