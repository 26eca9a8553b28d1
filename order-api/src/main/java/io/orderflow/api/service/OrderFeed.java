package io.orderflow.api.service;

import io.orderflow.api.domain.DependencyUnavailableException;
import io.orderflow.api.domain.OrderUpdate;
import io.orderflow.api.persistence.StatusHistory;
import io.orderflow.model.OrderStatus;
import io.smallrye.mutiny.subscription.MultiEmitter;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.jboss.logging.Logger;

/**
 * The admin stream's source: every status change of every order from when a stream opens. One read
 * per announcement for all admin streams of the instance: the versions of the announced orders
 * newer than the one last sent (an order not remembered: those changed since the feed began, which
 * is when its first stream opened), handed to every stream whose status filter it passes.
 */
final class OrderFeed {
  private static final Logger LOG = Logger.getLogger(OrderFeed.class);

  /** An open admin stream: the statuses it wants (empty: all) and where they go. */
  private record Watcher(Set<OrderStatus> statuses, MultiEmitter<? super StreamItem> emitter) {
    void offer(OrderUpdate update) {
      if (statuses.isEmpty() || statuses.contains(update.status())) {
        emitter.emit(new StreamItem.Update(update));
      }
    }
  }

  private final StatusHistory history;
  private final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();
  private final Set<Long> announced = ConcurrentHashMap.newKeySet();

  /** Only the reads touch it, one at a time; the most recently changed orders. */
  private final Map<Long, Long> sent;

  private final Coalescing reads;

  /** When the feed began: its first stream opened after a time without any. */
  private volatile Instant began = Instant.now();

  OrderFeed(StatusHistory history, Executor executor, int memory) {
    this.history = history;
    this.sent =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
            return size() > memory;
          }
        };
    this.reads = new Coalescing(executor, this::catchUp);
  }

  void announced(long orderId) {
    if (!watchers.isEmpty()) {
      announced.add(orderId);
      reads.wake();
    }
  }

  /** Starts handing changes to this stream; what is returned stops it. */
  Runnable watch(Set<OrderStatus> statuses, MultiEmitter<? super StreamItem> emitter) {
    Watcher watcher = new Watcher(statuses, emitter);
    synchronized (watchers) {
      if (watchers.isEmpty()) {
        began = Instant.now();
      }
      watchers.add(watcher);
    }
    return () -> {
      watchers.remove(watcher);
      reads.wake(); // forgets what was sent once nobody watches
    };
  }

  private void catchUp() {
    if (watchers.isEmpty()) {
      sent.clear();
      announced.clear();
      return;
    }
    Map<Long, Long> since = new HashMap<>();
    for (Iterator<Long> ids = announced.iterator(); ids.hasNext(); ) {
      Long id = ids.next();
      ids.remove();
      since.put(id, sent.get(id));
    }
    try {
      for (OrderUpdate update : history.after(since, began)) {
        sent.put(update.orderId(), update.version());
        watchers.forEach(w -> w.offer(update));
      }
    } catch (DependencyUnavailableException e) {
      // tried again at the next announcement
      announced.addAll(since.keySet());
      LOG.warnf("admin order stream cannot read %d changed orders: %s", since.size(), e);
    }
  }
}
