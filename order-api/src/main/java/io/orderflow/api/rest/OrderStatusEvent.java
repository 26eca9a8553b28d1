package io.orderflow.api.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.orderflow.api.domain.OrderUpdate;
import io.orderflow.model.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The data of an event of the live order streams: a version of an order. The admin stream adds
 * whose order it is and its total.
 */
@Schema(
    description = "A version of an order; `user_id` and `total_amount` only on the admin stream")
public record OrderStatusEvent(
    long orderId,
    long version,
    OrderStatus status,
    Instant at,
    @Schema(description = "Why it was rejected; null for every other status") String reason,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long userId,
    @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal totalAmount) {

  static OrderStatusEvent ofOrder(OrderUpdate update) {
    return new OrderStatusEvent(
        update.orderId(),
        update.version(),
        update.status(),
        update.at(),
        update.reason(),
        null,
        null);
  }

  static OrderStatusEvent inFeed(OrderUpdate update) {
    return new OrderStatusEvent(
        update.orderId(),
        update.version(),
        update.status(),
        update.at(),
        update.reason(),
        update.userId(),
        update.totalAmount());
  }
}
