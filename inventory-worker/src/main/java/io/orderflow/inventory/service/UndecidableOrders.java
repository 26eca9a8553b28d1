package io.orderflow.inventory.service;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.inventory.persistence.OrderRepository;
import io.orderflow.model.EventClock;
import io.orderflow.model.MessageJson;
import io.orderflow.model.OrderPlaced;
import io.orderflow.model.OrderRejected;
import io.orderflow.model.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Decides the orders the worker could not process even alone: rejected, with a reason the customer
 * and the admin can read, so that no accepted order stays {@code received}. The rejection is
 * recorded like any decision, and a redelivered command re-announces it instead of deciding again.
 */
@ApplicationScoped
public class UndecidableOrders {
  public static final String REASON = "The order could not be processed";

  /** Version 1, as every first decision: a repeated announcement changes nothing downstream. */
  private static final long DECIDED_VERSION = 1;

  private final AgroalDataSource dataSource;
  private final OrderRepository orders;
  private final MeterRegistry meters;

  UndecidableOrders(AgroalDataSource dataSource, OrderRepository orders, MeterRegistry meters) {
    this.dataSource = dataSource;
    this.orders = orders;
    this.meters = meters;
  }

  /**
   * Records the rejection in its own transaction and returns it; if the order was decided before,
   * returns that decision instead.
   */
  public OutgoingEvent reject(OrderPlaced command) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        byte[] before = orders.findLastEvents(c, List.of(command.orderId())).get(command.orderId());
        byte[] payload = before;
        if (before == null) {
          OrderRejected rejection = rejectionOf(command);
          payload = MessageJson.write(rejection);
          orders.insertUndecidable(c, rejection, payload);
        }
        c.commit();
        if (before == null) {
          meters.counter("orderflow.orders.decided", "outcome", "rejected").increment();
        }
        return announcement(command, payload);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /**
   * The rejection without a record, for when even recording it fails: the command fails the same
   * way at every delivery, so a redelivery announces the same version again, which the read model
   * and the notifier ignore.
   */
  public OutgoingEvent unrecorded(OrderPlaced command) {
    return announcement(command, MessageJson.write(rejectionOf(command)));
  }

  private static OrderRejected rejectionOf(OrderPlaced command) {
    return new OrderRejected(
        command.orderId(),
        DECIDED_VERSION,
        command.userId(),
        EventClock.now(),
        command.placedAt(),
        command.shippingAddress(),
        command.lines(),
        List.of(),
        REASON);
  }

  private static OutgoingEvent announcement(OrderPlaced command, byte[] payload) {
    return new OutgoingEvent(Topics.ORDERS_EVENTS, String.valueOf(command.orderId()), payload);
  }
}
