package io.orderflow.api.rest;

import io.orderflow.api.domain.CommandOutcome;
import io.orderflow.model.OrderChangeRefused;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;

/** How the outcome of a change command becomes an HTTP answer. */
final class ChangeAnswers {
  /** 202 + Location while undecided, {@code applied} when done, 404 or 409 when refused. */
  static Response of(long orderId, Optional<CommandOutcome> outcome, Supplier<Response> applied) {
    if (outcome.isEmpty()) {
      return Accepted.notYetApplied(Optional.of(URI.create("/api/v1/orders/" + orderId)));
    }
    if (outcome.get().applied()) {
      return applied.get();
    }
    return Response.status(refusalStatus(outcome.get()))
        .entity(ErrorResponse.of(outcome.get().detail()))
        .build();
  }

  static Response.Status refusalStatus(CommandOutcome refused) {
    return OrderChangeRefused.Reason.ORDER_NOT_FOUND.name().equals(refused.reason())
        ? Response.Status.NOT_FOUND
        : Response.Status.CONFLICT;
  }

  private ChangeAnswers() {}
}
