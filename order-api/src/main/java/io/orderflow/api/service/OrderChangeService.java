package io.orderflow.api.service;

import io.orderflow.api.config.OrderApiConfig;
import io.orderflow.api.messaging.CommandPublisher;
import io.orderflow.api.messaging.ReadModelListener;
import io.orderflow.api.persistence.OrderReadRepository;
import io.orderflow.model.OrderChangeCommand;
import io.orderflow.model.OrderDeletionRequested;
import io.orderflow.model.OrderStatus;
import io.orderflow.model.OrderStatusChangeRequested;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Changes existing orders through the worker, the single writer of order state: publish a change
 * command, then wait a bounded time for its outcome to reach the read model.
 */
@ApplicationScoped
public class OrderChangeService {
  private static final Logger LOG = Logger.getLogger(OrderChangeService.class);

  private final CommandPublisher publisher;
  private final ReadModelListener changes;
  private final OrderReadRepository orders;
  private final OrderApiConfig config;

  OrderChangeService(
      CommandPublisher publisher,
      ReadModelListener changes,
      OrderReadRepository orders,
      OrderApiConfig config) {
    this.publisher = publisher;
    this.changes = changes;
    this.orders = orders;
    this.config = config;
  }

  /** Empty when the outcome did not arrive within the wait: the change is accepted, not done. */
  public Optional<CommandOutcome> changeStatus(long orderId, OrderStatus status, String actor) {
    return changeAll(List.of(orderId), status, actor).get(0);
  }

  /** One outcome per id, in order; all commands are sent before any wait begins. */
  public List<Optional<CommandOutcome>> changeAll(
      List<Long> orderIds, OrderStatus status, String actor) {
    List<OrderChangeCommand> commands = new ArrayList<>(orderIds.size());
    for (long orderId : orderIds) {
      commands.add(
          new OrderStatusChangeRequested(orderId, UUID.randomUUID(), status, actor, Instant.now()));
    }
    return submit(commands);
  }

  public Optional<CommandOutcome> delete(long orderId, String actor) {
    return submit(
            List.of(new OrderDeletionRequested(orderId, UUID.randomUUID(), actor, Instant.now())))
        .get(0);
  }

  private List<Optional<CommandOutcome>> submit(List<OrderChangeCommand> commands) {
    long deadline = System.nanoTime() + config.decisionWait().toNanos();
    publisher.publishAll(commands);
    commands.forEach(
        c ->
            LOG.infof(
                "order %d: %s requested by %s",
                c.orderId(), c.getClass().getSimpleName(), c.actor()));
    List<Optional<CommandOutcome>> outcomes = new ArrayList<>(commands.size());
    for (OrderChangeCommand command : commands) {
      outcomes.add(awaitOutcome(command, deadline));
    }
    return outcomes;
  }

  private Optional<CommandOutcome> awaitOutcome(OrderChangeCommand command, long deadline) {
    return changes.await(
        ReadModelListener.orderKey(command.orderId()),
        () -> orders.findOutcome(command.commandId()),
        deadline);
  }
}
