package io.orderflow.api.rest;

import io.orderflow.api.domain.DependencyUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * One log line per dependency and {@link #QUIET} while it is down, instead of one per 503: an
 * outage under load answers hundreds of requests a second, and a line each buries the moment it
 * began and ended. The first 503 of an outage is logged with its cause; later lines say how many
 * 503s went unlogged since the one before.
 */
@ApplicationScoped
class UnavailableAnswerLog {
  static final Duration QUIET = Duration.ofSeconds(10);
  private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

  private final Map<String, LogWindow> windows = new ConcurrentHashMap<>();

  void answered(String path, DependencyUnavailableException e) {
    OptionalLong unlogged =
        windows
            .computeIfAbsent(e.dependency(), d -> new LogWindow(QUIET.toNanos()))
            .admit(System.nanoTime());
    if (unlogged.isEmpty()) {
      return;
    }
    if (unlogged.getAsLong() == 0) {
      LOG.warnf("answering 503 for %s: %s (%s)", path, e.getMessage(), e.getCause());
    } else {
      LOG.warnf(
          "answering 503 for %s: %s (%s); %d more 503s for it since the last line",
          path, e.getMessage(), e.getCause(), unlogged.getAsLong());
    }
  }

  /** Admits one event per quiet period and counts the ones it holds back. */
  static final class LogWindow {
    private final long quietNanos;
    private boolean logged;
    private long lastLoggedNanos;
    private long heldBack;

    LogWindow(long quietNanos) {
      this.quietNanos = quietNanos;
    }

    /**
     * The number of events held back since the last admitted one if this one is admitted, empty if
     * it is held back too.
     */
    synchronized OptionalLong admit(long nowNanos) {
      if (logged && nowNanos - lastLoggedNanos < quietNanos) {
        heldBack++;
        return OptionalLong.empty();
      }
      long count = heldBack;
      logged = true;
      lastLoggedNanos = nowNanos;
      heldBack = 0;
      return OptionalLong.of(count);
    }
  }
}
