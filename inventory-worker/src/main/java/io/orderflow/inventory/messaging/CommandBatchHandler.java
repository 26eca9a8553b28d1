package io.orderflow.inventory.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.inventory.service.OrderCommandProcessor;
import io.orderflow.inventory.service.OutgoingEvent;
import io.orderflow.inventory.service.UndecidableOrders;
import io.orderflow.model.DeadLetters;
import io.orderflow.model.MalformedMessageException;
import io.orderflow.model.MessageJson;
import io.orderflow.model.OrderCommand;
import io.orderflow.model.OrderPlaced;
import io.orderflow.model.ProductCommand;
import io.orderflow.model.Topics;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jboss.logging.Logger;

/**
 * Turns one poll's records into decisions and published events. When a whole batch keeps failing,
 * its commands are decided one by one, so a single poisonous command goes to the dead-letter topic
 * instead of stopping its partition; an order that cannot be processed is also rejected, so that it
 * still ends as a decision.
 */
@ApplicationScoped
@Startup // its dead-letter counter must exist before the first dead letter
public class CommandBatchHandler {
  private static final Logger LOG = Logger.getLogger(CommandBatchHandler.class);

  private final OrderCommandProcessor processor;
  private final UndecidableOrders undecidable;
  private final EventPublisher publisher;
  private final Retrier retrier;
  private final CommandTracing tracing;
  private final MeterRegistry meters;
  // registered at start, so that the alert on its increase sees the first dead letter
  private final Counter deadLetters;

  CommandBatchHandler(
      OrderCommandProcessor processor,
      UndecidableOrders undecidable,
      EventPublisher publisher,
      Retrier retrier,
      CommandTracing tracing,
      MeterRegistry meters) {
    this.processor = processor;
    this.undecidable = undecidable;
    this.publisher = publisher;
    this.retrier = retrier;
    this.tracing = tracing;
    this.meters = meters;
    this.deadLetters = meters.counter("orderflow.worker.dead.letters");
  }

  /** Returns once every record is decided and announced, or dead-lettered. */
  public void handle(ConsumerRecords<String, byte[]> records) throws Exception {
    try (CommandTracing.BatchTrace trace = tracing.start(records)) {
      handle(records, trace);
    }
  }

  private void handle(ConsumerRecords<String, byte[]> records, CommandTracing.BatchTrace trace)
      throws Exception {
    List<ParsedCommand> commands = new ArrayList<>(records.count());
    for (ConsumerRecord<String, byte[]> record : records) {
      try {
        commands.add(
            new ParsedCommand(
                record, MessageJson.read(record.value(), commandTypeOf(record.topic()))));
      } catch (MalformedMessageException e) {
        deadLetter(record, e.getMessage());
      }
    }
    meters.summary("orderflow.worker.batch.size").record(commands.size());
    if (commands.isEmpty()) {
      return;
    }
    try {
      decideAndPublish(commands, trace);
    } catch (EventPublisher.PublishFailedException e) {
      throw e;
    } catch (Exception e) {
      LOG.warnf("batch of %d commands failed (%s); deciding them one by one", commands.size(), e);
      for (ParsedCommand command : commands) {
        decideAloneOrDeadLetter(command, trace);
      }
    }
  }

  private void decideAloneOrDeadLetter(ParsedCommand command, CommandTracing.BatchTrace trace)
      throws Exception {
    try {
      decideAndPublish(List.of(command), trace);
    } catch (EventPublisher.PublishFailedException e) {
      throw e;
    } catch (Exception e) {
      if (command.command() instanceof OrderPlaced order) {
        reject(order, trace);
      }
      deadLetter(command.record(), "cannot be decided: " + DeadLetters.reasonOf(e));
    }
  }

  /** An accepted order ends as a decision even when it cannot be processed. */
  private void reject(OrderPlaced order, CommandTracing.BatchTrace trace) throws Exception {
    OutgoingEvent rejection;
    try {
      rejection =
          retrier.call(
              "recording the rejection of undecidable order " + order.orderId(),
              () -> undecidable.reject(order));
    } catch (Exception e) {
      LOG.errorf(
          "order %d cannot be processed and its rejection cannot be recorded (%s);"
              + " announcing the rejection unrecorded",
          order.orderId(), e);
      rejection = undecidable.unrecorded(order);
    }
    LOG.warnf(
        "order %d cannot be processed: rejected with \"%s\"",
        order.orderId(), UndecidableOrders.REASON);
    publisher.publish(List.of(rejection), trace);
  }

  private void decideAndPublish(List<ParsedCommand> commands, CommandTracing.BatchTrace trace)
      throws Exception {
    List<ProductCommand> productCommands = commandsOf(commands, ProductCommand.class);
    List<OrderCommand> orderCommands = commandsOf(commands, OrderCommand.class);
    publisher.publish(
        retrier.call(
            "processing " + commands.size() + " commands",
            () -> processor.process(productCommands, orderCommands)),
        trace);
  }

  private static Class<?> commandTypeOf(String topic) {
    return topic.equals(Topics.INVENTORY_COMMANDS) ? ProductCommand.class : OrderCommand.class;
  }

  private static <T> List<T> commandsOf(List<ParsedCommand> commands, Class<T> type) {
    return commands.stream()
        .map(ParsedCommand::command)
        .filter(type::isInstance)
        .map(type::cast)
        .toList();
  }

  private void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
    LOG.errorf(
        "dead-lettering %s-%d@%d (key %s): %s",
        record.topic(), record.partition(), record.offset(), record.key(), reason);
    deadLetters.increment();
    publisher.deadLetter(record, reason);
  }

  /** A record and its command: an {@link OrderCommand} or a {@link ProductCommand}. */
  private record ParsedCommand(ConsumerRecord<String, byte[]> record, Object command) {}
}
