package io.orderflow.notification.service;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.model.OrderEvent;
import io.orderflow.notification.config.NotificationConfig;
import io.orderflow.notification.domain.Notification;
import io.orderflow.notification.persistence.SentNotificationRepository;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Sends each order version's notification once. Storing it is the sending: the primary key (order
 * id, version) turns redelivered and duplicated events into no-ops. A batch of events is stored
 * with one statement in one transaction.
 */
// created at start, so that its counters are exposed (at 0) before the first event
@Startup
@ApplicationScoped
public class Notifier {
  public static final String EVENTS_COUNTER = "orderflow.notification.events";
  private static final List<String> OUTCOMES = List.of("ignored", "sent", "duplicate");
  private static final Logger LOG = Logger.getLogger(Notifier.class);

  private final AgroalDataSource dataSource;
  private final SentNotificationRepository notifications;
  private final NotificationConfig config;
  private final MeterRegistry meters;

  Notifier(
      AgroalDataSource dataSource,
      SentNotificationRepository notifications,
      NotificationConfig config,
      MeterRegistry meters) {
    this.dataSource = dataSource;
    this.notifications = notifications;
    this.config = config;
    this.meters = meters;
    OUTCOMES.forEach(outcome -> count(outcome, 0));
  }

  public void notifyCustomers(List<OrderEvent> events) throws InterruptedException {
    Map<String, Notification> composed = new LinkedHashMap<>();
    for (OrderEvent event : events) {
      Optional<Notification> notification = NotificationComposer.compose(event);
      if (notification.isPresent()) {
        Notification n = notification.get();
        composed.putIfAbsent(n.orderId() + "/" + n.version(), n);
      }
    }
    List<Notification> sent = store(List.copyOf(composed.values()));
    for (Notification n : sent) {
      LOG.debugf(
          "notification sent to user %d: order %d version %d, %s: %s",
          n.userId(), n.orderId(), n.version(), n.kind().wireName(), n.subject());
    }
    if (!sent.isEmpty()) {
      LOG.infof("%d notifications sent", sent.size());
    }
    count("ignored", events.size() - composed.size());
    count("sent", sent.size());
    count("duplicate", composed.size() - sent.size());
  }

  /** Waits out a database outage: skipping the events would lose the customers' notifications. */
  private List<Notification> store(List<Notification> batch) throws InterruptedException {
    while (true) {
      try (Connection c = dataSource.getConnection()) {
        return notifications.insertAbsent(c, batch);
      } catch (SQLException e) {
        LOG.warnf("cannot store %d notifications, retrying: %s", batch.size(), e.toString());
        Thread.sleep(config.outageRetryPause().toMillis());
      }
    }
  }

  private void count(String outcome, int amount) {
    meters.counter(EVENTS_COUNTER, "outcome", outcome).increment(amount);
  }
}
