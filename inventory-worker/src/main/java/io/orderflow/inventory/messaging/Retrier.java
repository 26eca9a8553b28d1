package io.orderflow.inventory.messaging;

import io.orderflow.inventory.config.WorkerConfig;
import io.orderflow.model.DatabaseOutages;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jboss.logging.Logger;

/**
 * Runs a database step until it succeeds. An unreachable database is waited out for as long as it
 * takes (nothing is dead-lettered because of an outage); any other failure gets a bounded number of
 * attempts and is then handed back to the caller.
 */
@ApplicationScoped
public class Retrier {
  private static final Logger LOG = Logger.getLogger(Retrier.class);
  private final WorkerConfig config;

  Retrier(WorkerConfig config) {
    this.config = config;
  }

  public <T> T call(String what, Callable<T> step) throws Exception {
    Duration pause = config.retryBackoff();
    Duration longest = config.retryBackoff().multipliedBy(30);
    int failures = 0;
    while (true) {
      try {
        return step.call();
      } catch (Exception e) {
        if (!DatabaseOutages.isOutage(e) && ++failures >= config.attempts()) {
          throw e;
        }
        LOG.warnf("%s failed (%s), retrying in %d ms", what, e.toString(), pause.toMillis());
        Thread.sleep(pause.toMillis());
        pause = pause.multipliedBy(2).compareTo(longest) > 0 ? longest : pause.multipliedBy(2);
      }
    }
  }
}
