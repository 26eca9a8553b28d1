package io.orderflow.notification.service;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.model.OrderEvent;
import io.orderflow.notification.config.NotificationConfig;
import io.orderflow.notification.persistence.SentNotificationRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Sends each order version's notification once. Storing it is the sending: the primary key (order
 * id, version) turns redelivered and duplicated events into no-ops.
 */
@ApplicationScoped
public class Notifier {
  public static final String EVENTS_COUNTER = "orderflow.notification.events";
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
  }

  public void notifyCustomer(OrderEvent event) throws InterruptedException {
    Optional<Notification> notification = NotificationComposer.compose(event);
    if (notification.isEmpty()) {
      count("ignored");
      return;
    }
    Notification n = notification.get();
    if (store(n)) {
      LOG.infof(
          "notification sent to user %d: order %d version %d, %s: %s",
          n.userId(), n.orderId(), n.version(), n.kind().wireName(), n.subject());
      count("sent");
    } else {
      count("duplicate");
    }
  }

  /** Waits out a database outage: skipping the event would lose the customer's notification. */
  private boolean store(Notification n) throws InterruptedException {
    while (true) {
      try (Connection c = dataSource.getConnection()) {
        return notifications.insertIfAbsent(c, n);
      } catch (SQLException e) {
        LOG.warnf(
            "cannot store notification of order %d version %d, retrying: %s",
            n.orderId(), n.version(), e.toString());
        Thread.sleep(config.outageRetryPause().toMillis());
      }
    }
  }

  private void count(String outcome) {
    meters.counter(EVENTS_COUNTER, "outcome", outcome).increment();
  }
}
