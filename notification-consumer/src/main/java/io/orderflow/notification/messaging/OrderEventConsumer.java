package io.orderflow.notification.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.model.MalformedMessageException;
import io.orderflow.model.MessageJson;
import io.orderflow.model.OrderEvent;
import io.orderflow.notification.service.Notifier;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Subscribes to {@code orders.events} in its own consumer group, one record at a time in partition
 * order. The offset is committed after this method returns, so a crash redelivers, which the
 * notifier absorbs.
 */
@ApplicationScoped
public class OrderEventConsumer {
  public static final String CHANNEL = "order-events";
  private static final Logger LOG = Logger.getLogger(OrderEventConsumer.class);

  private final Notifier notifier;
  private final MeterRegistry meters;

  OrderEventConsumer(Notifier notifier, MeterRegistry meters) {
    this.notifier = notifier;
    this.meters = meters;
  }

  @Incoming(CHANNEL)
  @Blocking
  public void consume(ConsumerRecord<String, byte[]> record) throws InterruptedException {
    OrderEvent event;
    try {
      event = MessageJson.read(record.value(), OrderEvent.class);
    } catch (MalformedMessageException e) {
      // order-api already dead-letters it to orders.events.dlq; a copy per subscriber adds nothing
      LOG.warnf(
          "skipping unparsable event %s-%d@%d (key %s): %s",
          record.topic(), record.partition(), record.offset(), record.key(), e.getMessage());
      meters.counter(Notifier.EVENTS_COUNTER, "outcome", "malformed").increment();
      return;
    }
    notifier.notifyCustomer(event);
  }
}
