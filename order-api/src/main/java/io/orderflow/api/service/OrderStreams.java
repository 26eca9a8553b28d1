package io.orderflow.api.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.api.config.OrderApiConfig;
import io.orderflow.api.domain.DependencyUnavailableException;
import io.orderflow.api.domain.OrderUpdate;
import io.orderflow.api.domain.OrderView;
import io.orderflow.api.messaging.ReadModelListener;
import io.orderflow.api.persistence.ReadModelChannel;
import io.orderflow.api.persistence.StatusHistory;
import io.orderflow.model.OrderStatus;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.BackPressureFailure;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The live order streams (ADR 030), driven by the read model's announcements: an announced order
 * wakes its streams, which read its versions newer than the one they last sent from the status
 * history. Whichever instance projected the change, every instance hears it after the commit, so a
 * stream on any instance sees every version once and in order, and a client resumes from the
 * version it last got. Each stream holds a slot (per user and per instance), a bounded buffer (a
 * client that falls behind is closed) and a heartbeat.
 */
@ApplicationScoped
@Startup
public class OrderStreams implements ReadModelListener.Subscriber {
  private static final Logger LOG = Logger.getLogger(OrderStreams.class);

  private final StatusHistory history;
  private final OrderApiConfig.Streams config;
  private final ScheduledExecutorService executor = Infrastructure.getDefaultWorkerPool();
  private final StreamSlots slots;
  private final OrderFeed feed;
  private final Map<Long, Set<OrderFollower>> followers = new ConcurrentHashMap<>();
  private final Set<MultiEmitter<? super StreamItem>> open = ConcurrentHashMap.newKeySet();
  private final Counter overflowed;

  OrderStreams(
      StatusHistory history,
      OrderApiConfig config,
      MeterRegistry meters,
      ReadModelListener listener) {
    this.history = history;
    this.config = config.streams();
    this.slots =
        new StreamSlots(
            this.config.perUser(), this.config.perInstance(), config.retryAfterSeconds());
    this.feed = new OrderFeed(history, executor, this.config.feedMemory());
    meters.gauge("orderflow.streams.open", slots, StreamSlots::open);
    this.overflowed = meters.counter("orderflow.streams.overflowed");
    listener.subscribe(this);
  }

  /**
   * The order's versions after {@code sent}, or its newest when absent, then each later one as it
   * is projected, until its final status or its deletion.
   *
   * @param order the order as the caller may see it now
   * @throws io.orderflow.api.domain.ThrottledException when the user or the instance has no stream
   *     left
   */
  public Multi<StreamItem> ofOrder(long userId, OrderView order, OptionalLong sent) {
    return open(
        userId,
        emitter ->
            new OrderFollower(
                order.orderId(),
                sent.isPresent() ? sent.getAsLong() : null,
                order.status().isFinal(),
                emitter));
  }

  /** Every status change of every order from now on, of the given statuses (empty: all). */
  public Multi<StreamItem> ofAllOrders(long userId, Set<OrderStatus> statuses) {
    return open(
        userId,
        emitter ->
            new Follower() {
              private Runnable stop = () -> {};

              @Override
              public void start() {
                stop = feed.watch(statuses, emitter);
              }

              @Override
              public void stop() {
                stop.run();
              }
            });
  }

  @Override
  public void changed(List<String> keys) {
    for (String key : keys) {
      ReadModelChannel.orderIdOf(key)
          .ifPresent(
              orderId -> {
                followers.getOrDefault(orderId, Set.of()).forEach(OrderFollower::wake);
                feed.announced(orderId);
              });
    }
  }

  @Override
  public void mayHaveMissed() {
    followers.values().forEach(each -> each.forEach(OrderFollower::wake));
  }

  /**
   * Ends every open stream when the instance begins to shut down, before Quarkus waits for the
   * requests in flight: their clients resume elsewhere with {@code Last-Event-ID} at once.
   */
  void endAll(@Observes ShutdownDelayInitiatedEvent shutdown) {
    LOG.infof("ending %d live order streams: shutting down", open.size());
    open.forEach(MultiEmitter::complete);
  }

  /** What feeds one stream, started once its end is taken care of. */
  private interface Follower {
    void start();

    void stop();
  }

  private Multi<StreamItem> open(
      long userId, Function<MultiEmitter<? super StreamItem>, Follower> follow) {
    Runnable release = slots.take(userId);
    Duration heartbeat = config.heartbeat();
    return Multi.createFrom()
        .<StreamItem>emitter(
            emitter -> {
              Follower follower = follow.apply(emitter);
              ScheduledFuture<?> beats =
                  executor.scheduleAtFixedRate(
                      () -> emitter.emit(StreamItem.HEARTBEAT),
                      0,
                      heartbeat.toMillis(),
                      TimeUnit.MILLISECONDS);
              open.add(emitter);
              emitter.onTermination(
                  () -> {
                    open.remove(emitter);
                    beats.cancel(false);
                    follower.stop();
                    release.run();
                  });
              follower.start();
            })
        .onOverflow()
        .buffer(config.buffer())
        .onFailure(BackPressureFailure.class)
        .invoke(
            () -> {
              overflowed.increment();
              LOG.infof("closed a stream of user %d: %d events unread", userId, config.buffer());
            })
        .onFailure(BackPressureFailure.class)
        .recoverWithCompletion();
  }

  /** One stream of one order: sends its versions after the last one sent, one read at a time. */
  private final class OrderFollower implements Follower {
    private final long orderId;
    private final boolean finalWhenOpened;
    private final MultiEmitter<? super StreamItem> emitter;
    private final Coalescing reads = new Coalescing(executor, this::catchUp);
    private Long sent;
    private boolean first = true;

    OrderFollower(
        long orderId,
        Long sent,
        boolean finalWhenOpened,
        MultiEmitter<? super StreamItem> emitter) {
      this.orderId = orderId;
      this.sent = sent;
      this.finalWhenOpened = finalWhenOpened;
      this.emitter = emitter;
    }

    @Override
    public void start() {
      followers.computeIfAbsent(orderId, id -> ConcurrentHashMap.newKeySet()).add(this);
      wake();
    }

    @Override
    public void stop() {
      followers.computeIfPresent(
          orderId,
          (id, each) -> {
            each.remove(this);
            return each.isEmpty() ? null : each;
          });
    }

    void wake() {
      reads.wake();
    }

    private void catchUp() {
      if (emitter.isCancelled()) {
        return;
      }
      List<OrderUpdate> updates;
      try {
        updates = history.after(Collections.singletonMap(orderId, sent));
      } catch (DependencyUnavailableException e) {
        // the client resumes with the last version it got
        LOG.warnf("ended the stream of order %d: %s", orderId, e);
        emitter.complete();
        return;
      }
      if (first && updates.isEmpty() && finalWhenOpened) {
        emitter.complete(); // resumed after its last version: nothing will follow
      }
      first = false;
      for (OrderUpdate update : updates) {
        emitter.emit(new StreamItem.Update(update));
        sent = update.version();
        if (update.isLast()) {
          emitter.complete();
          return;
        }
      }
    }
  }
}
