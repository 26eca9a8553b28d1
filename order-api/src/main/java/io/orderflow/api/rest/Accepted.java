package io.orderflow.api.rest;

import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;

/**
 * The one 202 answer: the worker has the command but has not answered within the wait. {@code
 * Location} names the resource to poll whenever there is one (not for a product still being
 * created: its id comes from the worker).
 */
final class Accepted {
  static final String NOT_YET = "Change accepted; it is not applied yet";

  static Response of(Object body, Optional<URI> pollAt) {
    Response.ResponseBuilder accepted = Response.accepted(body);
    pollAt.ifPresent(accepted::location);
    return accepted.build();
  }

  static Response notYetApplied(Optional<URI> pollAt) {
    return of(new SuccessResponse(NOT_YET), pollAt);
  }

  private Accepted() {}
}
