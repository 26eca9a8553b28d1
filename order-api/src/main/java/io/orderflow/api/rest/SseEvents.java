package io.orderflow.api.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.api.domain.OrderUpdate;
import io.orderflow.api.service.StreamItem;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.function.Function;

/**
 * The live order streams on the wire (ADR 030): {@code event: status} (or {@code deleted}) with the
 * order's version as {@code id} on an order's stream, {@code <order_id>-<version>} on the admin
 * stream; data one {@link OrderStatusEvent} in the API's JSON; heartbeats are comment lines.
 */
@ApplicationScoped
public class SseEvents {
  static final String LAST_EVENT_ID = "Last-Event-ID";
  static final String STATUS = "status";
  static final String DELETED = "deleted";
  static final String HEARTBEAT = "heartbeat";

  /** Tells nginx (an ingress) to pass each event on at once instead of buffering the response. */
  static final String UNBUFFERED = "X-Accel-Buffering";

  private final ObjectMapper json;

  SseEvents(ObjectMapper json) {
    this.json = json;
  }

  Multi<OutboundSseEvent> ofOrder(Multi<StreamItem> items, Sse sse) {
    return map(
        items,
        sse,
        update ->
            sse.newEventBuilder()
                .id(String.valueOf(update.version()))
                .name(update.deletion() ? DELETED : STATUS)
                .data(String.class, write(OrderStatusEvent.ofOrder(update))));
  }

  Multi<OutboundSseEvent> ofFeed(Multi<StreamItem> items, Sse sse) {
    return map(
        items,
        sse,
        update ->
            sse.newEventBuilder()
                .id(update.orderId() + "-" + update.version())
                .name(STATUS)
                .data(String.class, write(OrderStatusEvent.inFeed(update))));
  }

  private static Multi<OutboundSseEvent> map(
      Multi<StreamItem> items, Sse sse, Function<OrderUpdate, OutboundSseEvent.Builder> event) {
    return items.map(
        item ->
            item instanceof StreamItem.Update change
                ? event.apply(change.update()).build()
                : sse.newEventBuilder().comment(HEARTBEAT).build());
  }

  private String write(OrderStatusEvent event) {
    try {
      return json.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an order event that cannot be written", e);
    }
  }
}
