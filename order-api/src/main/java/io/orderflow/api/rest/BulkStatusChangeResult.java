package io.orderflow.api.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.orderflow.api.domain.CommandOutcome;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What happened to one order of a bulk status change, with the HTTP status code it would get alone.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BulkStatusChangeResult(long orderId, int httpStatus, String detail) {

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

  /** The old name of {@link #httpStatus}, still sent for clients written against it. */
  @Deprecated(forRemoval = true)
  @JsonProperty("status")
  @Schema(deprecated = true, description = "the same as http_status; removed in the next release")
  public int status() {
    return httpStatus;
  }
}
