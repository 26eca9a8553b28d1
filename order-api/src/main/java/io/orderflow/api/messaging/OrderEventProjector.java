package io.orderflow.api.messaging;

import io.orderflow.api.persistence.Projected;
import io.orderflow.api.persistence.ReadModelWriter;
import io.orderflow.model.MessageJson;
import io.orderflow.model.OrderEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Projects {@code orders.events} into the order read model; the version check drops replays. */
@ApplicationScoped
public class OrderEventProjector {
  public static final String CHANNEL = "order-events";

  private final Projection projection;
  private final ReadModelWriter writer;
  private final CrashWindows crashWindows;

  OrderEventProjector(Projection projection, ReadModelWriter writer, CrashWindows crashWindows) {
    this.projection = projection;
    this.writer = writer;
    this.crashWindows = crashWindows;
  }

  @Incoming(CHANNEL)
  @Blocking(Projection.WORKER_POOL)
  public void project(ConsumerRecords<String, byte[]> records) throws InterruptedException {
    projection.project("orders", records, OrderEvent.class, writer::applyAll);
    // committed to the read model; the offsets are acknowledged once this method returns
    crashWindows.reached(CrashWindows.Step.ORDER_EVENTS_APPLIED);
  }

  /** Applies one dead-lettered event in the caller's transaction, as if it arrived now. */
  Projected replay(Connection c, byte[] payload) throws SQLException {
    return writer.applyAll(c, List.of(MessageJson.read(payload, OrderEvent.class)));
  }
}
