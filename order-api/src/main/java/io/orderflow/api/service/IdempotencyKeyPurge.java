package io.orderflow.api.service;

import io.orderflow.api.config.OrderApiConfig;
import io.orderflow.api.persistence.IdempotencyKeys;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Deletes idempotency keys older than {@code orderflow.api.idempotency-keys-kept-for}, every {@code
 * idempotency-keys-purge-every}: one indexed delete. Every instance runs it; deleting twice is
 * harmless.
 */
@ApplicationScoped
public class IdempotencyKeyPurge {
  private static final Logger LOG = Logger.getLogger(IdempotencyKeyPurge.class);

  private final IdempotencyKeys keys;
  private final OrderApiConfig config;
  private ScheduledExecutorService timer;

  IdempotencyKeyPurge(IdempotencyKeys keys, OrderApiConfig config) {
    this.keys = keys;
    this.config = config;
  }

  void start(@Observes StartupEvent event) {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "idempotency-key-purge");
              thread.setDaemon(true);
              return thread;
            });
    long every = config.idempotencyKeysPurgeEvery().toMillis();
    timer.scheduleWithFixedDelay(this::purge, every, every, TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent event) {
    timer.shutdownNow();
  }

  void purge() {
    try {
      int purged = keys.purgeOlderThan(config.idempotencyKeysKeptFor());
      if (purged > 0) {
        LOG.infof(
            "purged %d idempotency keys older than %s", purged, config.idempotencyKeysKeptFor());
      }
    } catch (SQLException | RuntimeException e) {
      LOG.warnf(
          "purging idempotency keys failed, next try in %s: %s",
          config.idempotencyKeysPurgeEvery(), e);
    }
  }
}
