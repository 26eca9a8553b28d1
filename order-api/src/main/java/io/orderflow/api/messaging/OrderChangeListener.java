package io.orderflow.api.messaging;

import io.agroal.api.AgroalDataSource;
import io.orderflow.api.persistence.ReadModelWriter;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Wakes requests waiting for an order to change. Whichever order-api instance projects the event,
 * PostgreSQL's NOTIFY reaches every instance after the read model committed, so the woken request
 * (and any later GET on any instance) sees the new state.
 */
@ApplicationScoped
public class OrderChangeListener {
  private static final Logger LOG = Logger.getLogger(OrderChangeListener.class);
  private static final int POLL_MILLIS = 500;

  private final AgroalDataSource dataSource;
  private final Map<Long, Set<CompletableFuture<Void>>> waiting = new ConcurrentHashMap<>();
  private volatile boolean running;
  private Thread thread;

  OrderChangeListener(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Completes at the next committed change of this order. Several requests may wait for one order;
   * each calls {@link #forget} with its own future when done.
   */
  public CompletableFuture<Void> expect(long orderId) {
    CompletableFuture<Void> future = new CompletableFuture<>();
    waiting.computeIfAbsent(orderId, id -> ConcurrentHashMap.newKeySet()).add(future);
    return future;
  }

  public void forget(long orderId, CompletableFuture<Void> future) {
    waiting.computeIfPresent(
        orderId,
        (id, futures) -> {
          futures.remove(future);
          return futures.isEmpty() ? null : futures;
        });
  }

  void start(@Observes StartupEvent event) {
    running = true;
    thread = new Thread(this::run, "order-change-listener");
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
          listen.execute("LISTEN " + ReadModelWriter.ORDER_CHANGED_CHANNEL);
        }
        PGConnection pg = c.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
          if (notifications != null) {
            for (PGNotification n : notifications) {
              wake(Long.parseLong(n.getParameter()));
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

  private void wake(long orderId) {
    Set<CompletableFuture<Void>> waiters = waiting.get(orderId);
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
