package io.orderflow.api.service;

import io.orderflow.api.domain.CommandOutcome;
import io.orderflow.api.messaging.CommandPublisher;
import io.orderflow.api.messaging.ReadModelListener.Awaited;
import io.orderflow.api.persistence.OrderReadRepository;
import io.orderflow.api.persistence.ReadModelChannel;
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
 * Changes existing orders through the worker, the single writer of order state: a {@link
 * CommandRoundTrip} per change, its outcome read from the read model.
 */
@ApplicationScoped
public class OrderChangeService {
  private static final Logger LOG = Logger.getLogger(OrderChangeService.class);

  private final CommandPublisher publisher;
  private final CommandRoundTrip roundTrip;
  private final OrderReadRepository orders;

  OrderChangeService(
      CommandPublisher publisher, CommandRoundTrip roundTrip, OrderReadRepository orders) {
    this.publisher = publisher;
    this.roundTrip = roundTrip;
    this.orders = orders;
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
    List<Awaited<CommandOutcome>> outcomes =
        commands.stream()
            .map(
                c ->
                    new Awaited<>(
                        ReadModelChannel.orderKey(c.orderId()),
                        () -> orders.findOutcome(c.commandId())))
            .toList();
    return roundTrip
        .publishAndAwaitAll(publisher.publish(commands).invoke(() -> requested(commands)), outcomes)
        .await()
        .indefinitely();
  }

  private static void requested(List<OrderChangeCommand> commands) {
    commands.forEach(
        c ->
            LOG.infof(
                "order %d: %s requested by %s",
                c.orderId(), c.getClass().getSimpleName(), c.actor()));
  }
}
