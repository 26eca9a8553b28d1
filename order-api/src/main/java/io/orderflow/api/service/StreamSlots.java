package io.orderflow.api.service;

import io.orderflow.api.domain.ThrottledException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/** The open streams of this instance, counted per user and in all, each count bounded. */
final class StreamSlots {
  private static final Logger LOG = Logger.getLogger(StreamSlots.class);

  private final int perUser;
  private final int perInstance;
  private final long retryAfterSeconds;
  private final AtomicInteger open = new AtomicInteger();
  private final Map<Long, Integer> byUser = new ConcurrentHashMap<>();

  StreamSlots(int perUser, int perInstance, long retryAfterSeconds) {
    this.perUser = perUser;
    this.perInstance = perInstance;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /**
   * Takes a slot for one more stream of the user, or refuses with 429.
   *
   * @return what gives the slot back; running it again does nothing
   */
  Runnable take(long userId) {
    if (open.incrementAndGet() > perInstance) {
      open.decrementAndGet();
      LOG.warnf(
          "refused a stream of user %d: %d streams open on this instance", userId, perInstance);
      throw new ThrottledException("Too many open streams, retry later", retryAfterSeconds);
    }
    AtomicBoolean taken = new AtomicBoolean();
    byUser.compute(
        userId,
        (id, count) -> {
          int now = count == null ? 0 : count;
          taken.set(now < perUser);
          return taken.get() ? now + 1 : count;
        });
    if (!taken.get()) {
      open.decrementAndGet();
      LOG.infof("refused a stream of user %d: %d of theirs open", userId, perUser);
      throw new ThrottledException(
          "Too many open streams of this user, close one first", retryAfterSeconds);
    }
    AtomicBoolean released = new AtomicBoolean();
    return () -> {
      if (released.compareAndSet(false, true)) {
        byUser.computeIfPresent(userId, (id, count) -> count == 1 ? null : count - 1);
        open.decrementAndGet();
      }
    };
  }

  int open() {
    return open.get();
  }
}
