package io.orderflow.api.rest;

import io.orderflow.api.security.CurrentUser;
import io.orderflow.api.service.OrderStreams;
import io.orderflow.model.OrderStatus;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseHeader;

/** The admin's live view of every order (ADR 030). */
@Path("/api/v1/admin/orders")
@Tag(name = "Orders (admin)")
@RolesAllowed(CurrentUser.ADMIN)
public class AdminOrderStreamResource {
  private final OrderStreams streams;
  private final SseEvents events;
  private final CurrentUser user;

  AdminOrderStreamResource(OrderStreams streams, SseEvents events, CurrentUser user) {
    this.streams = streams;
    this.events = events;
    this.user = user;
  }

  @GET
  @Operation(summary = "Follow every order's status changes live (admin)")
  @Path("/stream")
  @ResponseHeader(name = "Cache-Control", value = "no-cache")
  @ResponseHeader(name = SseEvents.UNBUFFERED, value = "no")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @APIResponse(
      responseCode = "200",
      description =
          "A stream of `event: status` (`id` `<order_id>-<version>`) for every status change of"
              + " every order from now on; comment lines as heartbeats",
      content =
          @Content(
              mediaType = MediaType.SERVER_SENT_EVENTS,
              schema = @Schema(implementation = OrderStatusEvent.class),
              examples = @ExampleObject(name = "status", value = OpenApiExamples.FEED_EVENT)))
  @APIResponse(responseCode = "429", ref = OpenApiAnswers.STREAMS_EXHAUSTED)
  public Multi<OutboundSseEvent> stream(
      @Parameter(
              description = "Only changes to these statuses; repeat it for several, omit for all")
          @QueryParam("status")
          List<OrderStatus> statuses,
      @Context Sse sse) {
    return events.ofFeed(streams.ofAllOrders(user.id(), parse(statuses)), sse);
  }

  /** The statuses asked for; {@code ?status=} (empty) names none. */
  private static Set<OrderStatus> parse(List<OrderStatus> statuses) {
    Set<OrderStatus> parsed = EnumSet.noneOf(OrderStatus.class);
    statuses.stream().filter(Objects::nonNull).forEach(parsed::add);
    return parsed;
  }
}
