package io.orderflow.api.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.orderflow.api.service.CommandOutcome;
import java.util.Optional;

/** What happened to one order of a bulk status change, with the status code it would get alone. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BulkStatusChangeResult(long orderId, int status, String detail) {

  static BulkStatusChangeResult of(long orderId, Optional<CommandOutcome> outcome) {
    return outcome
        .map(
            o ->
                o.applied()
                    ? new BulkStatusChangeResult(orderId, 200, "Status updated")
                    : new BulkStatusChangeResult(
                        orderId, ChangeAnswers.refusalStatus(o).getStatusCode(), o.detail()))
        .orElseGet(() -> new BulkStatusChangeResult(orderId, 202, Accepted.NOT_YET));
  }
}
