package io.orderflow.inventory.messaging;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.inventory.config.WorkerConfig;
import io.orderflow.inventory.persistence.PendingOrderRepository;
import io.orderflow.inventory.persistence.PendingOrderRepository.PendingOrder;
import io.orderflow.inventory.service.OutgoingEvent;
import io.orderflow.model.OrderStatus;
import io.orderflow.model.OrderStatusChangeRequested;
import io.orderflow.model.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Gives back reservations nobody confirmed in time: every interval it claims the orders pending for
 * longer than the limit and asks for their cancellation on {@code orders.commands}, like an admin
 * would, so the stock, history, read model and notifications follow the usual way. The command id
 * comes from the order id and version: a request sent twice is applied once.
 */
@ApplicationScoped
public class ReservationExpiry {
  /** Who the status history names for these cancellations. */
  public static final String ACTOR = "system:reservation-expiry";

  private static final Logger LOG = Logger.getLogger(ReservationExpiry.class);

  private final AgroalDataSource dataSource;
  private final PendingOrderRepository pending;
  private final EventPublisher publisher;
  private final WorkerConfig.Expiry config;
  private final MeterRegistry meters;
  private ScheduledExecutorService timer;

  ReservationExpiry(
      AgroalDataSource dataSource,
      PendingOrderRepository pending,
      EventPublisher publisher,
      WorkerConfig config,
      MeterRegistry meters) {
    this.dataSource = dataSource;
    this.pending = pending;
    this.publisher = publisher;
    this.config = config.reservationExpiry();
    this.meters = meters;
  }

  void start(@Observes StartupEvent event) {
    timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "reservation-expiry"));
    long every = config.interval().toMillis();
    timer.scheduleWithFixedDelay(this::runLogged, every, every, TimeUnit.MILLISECONDS);
  }

  void stop(@Observes ShutdownEvent event) throws InterruptedException {
    timer.shutdownNow();
    timer.awaitTermination(10, TimeUnit.SECONDS);
  }

  /** The same order version always gets the same command id. */
  static UUID commandIdFor(PendingOrder order) {
    return UUID.nameUUIDFromBytes(
        ("reservation-expiry:" + order.id() + ":" + order.version()).getBytes(UTF_8));
  }

  /**
   * Claims the expired reservations and publishes their cancellations in one transaction: the
   * claims commit only once Kafka acknowledged the commands, so a failed run leaves them for the
   * next. Returns how many cancellations it requested.
   */
  int run() throws SQLException {
    Instant now = Instant.now();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        List<PendingOrder> expired =
            pending.claimExpired(c, now.minus(config.after()), config.maxOrdersPerRun());
        publisher.publish(expired.stream().map(order -> cancellation(order, now)).toList());
        c.commit();
        return expired.size();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private void runLogged() {
    try {
      int requested =
          meters.timer("orderflow.worker.reservation.expiry.runs").recordCallable(this::run);
      meters.counter("orderflow.worker.reservations.expired").increment(requested);
      if (requested > 0) {
        LOG.infof(
            "reservation expiry: cancellation requested for %d orders pending longer than %s",
            requested, config.after());
      } else {
        LOG.debug("reservation expiry: no pending order is older than " + config.after());
      }
    } catch (Exception e) {
      // the schedule must go on: a failed run is repeated at the next interval
      LOG.warnf("reservation expiry run failed, retried in %s: %s", config.interval(), e);
    }
  }

  private static OutgoingEvent cancellation(PendingOrder order, Instant now) {
    return OutgoingEvent.of(
        Topics.ORDERS_COMMANDS,
        order.id(),
        new OrderStatusChangeRequested(
            order.id(), commandIdFor(order), OrderStatus.CANCELLED, ACTOR, now));
  }
}
