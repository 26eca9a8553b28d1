package io.orderflow.api.messaging;

import io.agroal.api.AgroalDataSource;
import io.orderflow.api.persistence.ReadModelChannel;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Wakes requests waiting for the read model to change: an order (key {@link
 * ReadModelChannel#orderKey}) or the outcome of a product command (key {@link
 * ReadModelChannel#commandKey}). Whichever order-api instance projects the event, PostgreSQL's
 * NOTIFY reaches every instance after the read model committed, so the woken request (and any later
 * GET on any instance) sees the new state. One notification carries the keys of a whole projected
 * batch, separated by {@link ReadModelChannel#SEPARATOR}.
 */
@ApplicationScoped
public class ReadModelListener {
  private static final Logger LOG = Logger.getLogger(ReadModelListener.class);
  private static final int POLL_MILLIS = 500;

  private final AgroalDataSource dataSource;

  /** What completes a wait when the change is only announced, not handed over. */
  private static final Object CHANGED = new Object();

  private static final Object TIMED_OUT = new Object();

  private final Map<String, Set<CompletableFuture<Object>>> waiting = new ConcurrentHashMap<>();
  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private volatile boolean running;
  private Thread thread;

  ReadModelListener(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * A key to watch, how to read the outcome awaited under it, and how to take it from what this
   * instance's projection hands over under the key ({@link #deliver}) without reading it.
   */
  public record Awaited<T>(
      String key, Supplier<Optional<T>> outcome, Function<Object, Optional<T>> delivered) {

    /** An outcome that is always read. */
    public Awaited(String key, Supplier<Optional<T>> outcome) {
      this(key, outcome, handedOver -> Optional.empty());
    }
  }

  /**
   * Subscribes to {@code trigger}, then reads each key's outcome at every committed change under
   * that key until it is there or {@code within} passed, and once more when the wait ends (a lost
   * notification costs the wait, never the answer). Emits one outcome per key, in order, empty
   * where none came. Every key is watched before the trigger runs, so no change it causes is
   * missed. Holds no thread while waiting; the reads run on the worker pool.
   */
  public <T> Uni<List<Optional<T>>> outcomesAfter(
      Uni<?> trigger, Duration within, List<Awaited<T>> awaited) {
    return Uni.createFrom()
        .deferred(
            () -> {
              List<Watch> watches = awaited.stream().map(a -> new Watch(a.key())).toList();
              return trigger
                  .chain(
                      () -> {
                        long deadline = System.nanoTime() + within.toNanos();
                        List<Uni<Optional<T>>> outcomes = new ArrayList<>(awaited.size());
                        for (int i = 0; i < awaited.size(); i++) {
                          outcomes.add(watches.get(i).outcome(awaited.get(i), deadline));
                        }
                        return switch (outcomes.size()) {
                          case 0 -> Uni.createFrom().item(List.<Optional<T>>of());
                          case 1 -> outcomes.get(0).map(List::of);
                          default -> Uni.join().all(outcomes).andFailFast();
                        };
                      })
                  .onTermination()
                  .invoke(() -> watches.forEach(Watch::close));
            });
  }

  /**
   * Whoever follows every announced change (the live order streams), not one key for one request.
   * Called on the listener's own thread: it must hand the work elsewhere and return at once.
   */
  public interface Subscriber {
    /** The keys of one announcement, after their changes committed. */
    void changed(List<String> keys);

    /**
     * The listener (re)connected: announcements made while it had no connection are lost, so
     * whatever the subscriber follows may have changed.
     */
    void mayHaveMissed();
  }

  public void subscribe(Subscriber subscriber) {
    subscribers.add(subscriber);
  }

  /**
   * Hands committed outcomes to the requests waiting for them in this instance, by key. Whatever is
   * not taken is dropped; other instances learn of the change from the notification.
   */
  public void deliver(Map<String, ?> outcomes) {
    outcomes.forEach(this::complete);
  }

  /**
   * Completes at the next committed change under this key, with the outcome handed over or {@link
   * #CHANGED}. Several requests may wait for one key; each calls {@link #forget} with its own
   * future when done.
   */
  private CompletableFuture<Object> expect(String key) {
    CompletableFuture<Object> future = new CompletableFuture<>();
    waiting.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(future);
    return future;
  }

  private void forget(String key, CompletableFuture<Object> future) {
    waiting.computeIfPresent(
        key,
        (k, futures) -> {
          futures.remove(future);
          return futures.isEmpty() ? null : futures;
        });
  }

  /** The changes under one key from its creation on, until it is closed. */
  private final class Watch {
    private final String key;
    private volatile CompletableFuture<Object> next;

    Watch(String key) {
      this.key = key;
      this.next = expect(key);
    }

    <T> Uni<Optional<T>> outcome(Awaited<T> awaited, long deadline) {
      return Uni.createFrom()
          .completionStage(next)
          .ifNoItem()
          .after(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))
          .recoverWithItem(TIMED_OUT)
          .emitOn(Infrastructure.getDefaultWorkerPool())
          .chain(
              signal -> {
                Optional<T> handedOver = awaited.delivered().apply(signal);
                if (handedOver.isPresent()) {
                  return Uni.createFrom().item(handedOver);
                }
                boolean changed = signal != TIMED_OUT;
                if (changed) {
                  rearm();
                }
                Optional<T> found = awaited.outcome().get();
                return found.isPresent() || !changed || System.nanoTime() >= deadline
                    ? Uni.createFrom().item(found)
                    : outcome(awaited, deadline);
              });
    }

    /** Before the read, so that a change committed after it still wakes the next wait. */
    private void rearm() {
      CompletableFuture<Object> done = next;
      next = expect(key);
      forget(key, done);
    }

    void close() {
      forget(key, next);
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
          listen.execute("LISTEN " + ReadModelChannel.NAME);
        }
        subscribers.forEach(Subscriber::mayHaveMissed);
        PGConnection pg = c.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
          if (notifications != null) {
            for (PGNotification n : notifications) {
              List<String> keys = List.of(n.getParameter().split(ReadModelChannel.SEPARATOR));
              keys.forEach(key -> complete(key, CHANGED));
              subscribers.forEach(subscriber -> subscriber.changed(keys));
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

  private void complete(String key, Object outcome) {
    Set<CompletableFuture<Object>> waiters = waiting.get(key);
    if (waiters != null) {
      waiters.forEach(w -> w.complete(outcome));
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
