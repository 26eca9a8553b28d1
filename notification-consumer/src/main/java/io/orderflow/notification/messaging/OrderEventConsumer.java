package io.orderflow.notification.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.model.MalformedMessageException;
import io.orderflow.model.MessageJson;
import io.orderflow.model.OrderEvent;
import io.orderflow.notification.service.Notifier;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Subscribes to {@code orders.events} in its own consumer group, one poll's batch at a time in
 * partition order. The offsets are committed after this method returns, so a crash redelivers,
 * which the notifier absorbs.
 */
@ApplicationScoped
public class OrderEventConsumer {
  public static final String CHANNEL = "order-events";
  private static final Logger LOG = Logger.getLogger(OrderEventConsumer.class);

  private final Notifier notifier;
  private final MeterRegistry meters;
  private final CrashWindows crashWindows;

  OrderEventConsumer(Notifier notifier, MeterRegistry meters, CrashWindows crashWindows) {
    this.notifier = notifier;
    this.meters = meters;
    this.crashWindows = crashWindows;
  }

  @Incoming(CHANNEL)
  @Blocking
  public void consume(ConsumerRecords<String, byte[]> records) throws InterruptedException {
    List<OrderEvent> events = new ArrayList<>(records.count());
    for (ConsumerRecord<String, byte[]> record : records) {
      try {
        events.add(MessageJson.read(record.value(), OrderEvent.class));
      } catch (MalformedMessageException e) {
        // order-api already dead-letters it to orders.events.dlq; a copy per subscriber adds
        // nothing
        LOG.warnf(
            "skipping unparsable event %s-%d@%d (key %s): %s",
            record.topic(), record.partition(), record.offset(), record.key(), e.getMessage());
        meters.counter(Notifier.EVENTS_COUNTER, "outcome", "malformed").increment();
      }
    }
    notifier.notifyCustomers(events);
    crashWindows.reached(CrashWindows.Step.NOTIFICATIONS_STORED);
  }
}
