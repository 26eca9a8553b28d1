package io.orderflow.api.rest;

import io.orderflow.api.domain.OrderView;
import io.orderflow.api.security.CurrentUser;
import io.orderflow.api.service.InvalidRequestException;
import io.orderflow.api.service.OrderChangeService;
import io.orderflow.api.service.OrderNotFoundException;
import io.orderflow.api.service.OrderPlacementService;
import io.orderflow.api.service.OrderQueries;
import io.orderflow.api.service.OrderStatistics;
import io.orderflow.api.service.OrderStreams;
import io.orderflow.model.OrderStatus;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseHeader;

@Path("/api/v1/orders")
@Tag(name = "Orders", description = "Placing, reading and deleting one's own orders")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrderResource {
  private final OrderPlacementService placement;
  private final OrderChangeService changes;
  private final OrderQueries orders;
  private final CurrentUser user;
  private final IdempotentRequests idempotency;
  private final OrderStreams streams;
  private final SseEvents events;

  OrderResource(
      OrderPlacementService placement,
      OrderChangeService changes,
      OrderQueries orders,
      CurrentUser user,
      IdempotentRequests idempotency,
      OrderStreams streams,
      SseEvents events) {
    this.placement = placement;
    this.changes = changes;
    this.orders = orders;
    this.user = user;
    this.idempotency = idempotency;
    this.streams = streams;
    this.events = events;
  }

  /**
   * 200 pending, 400 with the stock issues, or 202 while the decision is still out; a retry with
   * the same {@code Idempotency-Key} answers the same order. It starts on a worker thread (prices,
   * id block, idempotency key, Kafka metadata may block) and releases it while it waits.
   */
  @POST
  @Operation(summary = "Place an order")
  @Path("/")
  @Blocking
  @APIResponse(
      responseCode = "200",
      description = "Stock reserved: the order is `pending`",
      content =
          @Content(
              schema = @Schema(implementation = OrderView.class),
              examples = @ExampleObject(name = "pending", value = OpenApiExamples.PENDING_ORDER)))
  @APIResponse(
      responseCode = "202",
      description =
          "Accepted but not decided within the wait (status `received`); read it at Location",
      headers =
          @Header(
              name = "Location",
              description = "The order",
              schema = @Schema(type = SchemaType.STRING)),
      content =
          @Content(
              schema = @Schema(implementation = OrderView.class),
              examples = @ExampleObject(name = "received", value = OpenApiExamples.RECEIVED_ORDER)))
  @APIResponse(
      responseCode = "400",
      description =
          "Rejected: the stock body lists only the failing lines (or, for a rejection as a whole,"
              + " the reason as `detail.message` and no lines); or fields that do not validate",
      content =
          @Content(
              schema = @Schema(oneOf = {StockRejection.class, ErrorResponse.class}),
              examples = {
                @ExampleObject(name = "stock", value = OpenApiExamples.STOCK_REJECTION),
                @ExampleObject(name = "fields", value = OpenApiExamples.FIELD_ERRORS)
              }))
  @APIResponse(
      responseCode = "422",
      description = "The Idempotency-Key was used before with another body",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "410",
      description = "The Idempotency-Key's order was deleted by its owner since",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @RolesAllowed({CurrentUser.CUSTOMER, CurrentUser.ADMIN})
  public Uni<Response> place(
      @Parameter(
              description =
                  "Up to 255 characters, per user, kept 24 h: a retry gets the same order")
          @HeaderParam(IdempotentRequests.HEADER)
          String idempotencyKey,
      @RequestBody(
              content =
                  @Content(
                      schema = @Schema(implementation = PlaceOrderRequest.class),
                      examples =
                          @ExampleObject(name = "order", value = OpenApiExamples.PLACE_ORDER)))
          @Valid
          @NotNull
          PlaceOrderRequest request) {
    long userId = user.id();
    return idempotency
        .keyOf(idempotencyKey, request)
        .map(key -> placement.place(userId, key, request.shippingAddress(), request.lines()))
        .orElseGet(() -> placement.place(userId, request.shippingAddress(), request.lines()))
        .map(OrderResource::answerOf);
  }

  private static Response answerOf(OrderView order) {
    return switch (order.status()) {
      case REJECTED ->
          Response.status(Response.Status.BAD_REQUEST).entity(StockRejection.of(order)).build();
      case RECEIVED -> Accepted.of(order, Optional.of(locationOf(order)));
      default -> Response.ok(order).build();
    };
  }

  @GET
  @Operation(summary = "Get an order")
  @Path("/{id}")
  @Authenticated
  @APIResponse(responseCode = "200", description = "The order")
  @APIResponse(responseCode = "404", ref = OpenApiAnswers.NOT_FOUND)
  public OrderView get(@PathParam("id") long id) {
    return orders
        .order(id)
        .filter(order -> user.canSee(order.userId()))
        .orElseThrow(() -> new OrderNotFoundException(id));
  }

  /**
   * The order's status as it changes, as server-sent events: its newest version (or, with {@code
   * Last-Event-ID}, every version after that one), then each later one, until it is final or
   * deleted (ADR 030).
   */
  @GET
  @Operation(summary = "Follow an order's status live")
  @Path("/{id}/events")
  @ResponseHeader(name = "Cache-Control", value = "no-cache")
  @ResponseHeader(name = SseEvents.UNBUFFERED, value = "no")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Authenticated
  @Blocking
  @APIResponse(
      responseCode = "200",
      description =
          "A stream of `event: status` (`id` the order's version), ending after a final status"
              + " or with `event: deleted`; comment lines as heartbeats",
      content =
          @Content(
              mediaType = MediaType.SERVER_SENT_EVENTS,
              schema = @Schema(implementation = OrderStatusEvent.class),
              examples = @ExampleObject(name = "status", value = OpenApiExamples.ORDER_EVENT)))
  @APIResponse(responseCode = "404", ref = OpenApiAnswers.NOT_FOUND)
  @APIResponse(responseCode = "429", ref = OpenApiAnswers.STREAMS_EXHAUSTED)
  public Multi<OutboundSseEvent> events(
      @PathParam("id") long id,
      @Parameter(description = "The last version received: the stream resumes after it")
          @HeaderParam(SseEvents.LAST_EVENT_ID)
          String lastEventId,
      @Context Sse sse) {
    OptionalLong sent = versionOf(lastEventId);
    return events.ofOrder(streams.ofOrder(user.id(), get(id), sent), sse);
  }

  private static OptionalLong versionOf(String lastEventId) {
    if (lastEventId == null || lastEventId.isBlank()) {
      return OptionalLong.empty();
    }
    if (!lastEventId.strip().matches("\\d{1,18}")) {
      throw new InvalidRequestException(
          SseEvents.LAST_EVENT_ID, "Last-Event-ID must be an order version");
    }
    return OptionalLong.of(Long.parseLong(lastEventId.strip()));
  }

  /** Throws 404 unless the order is the owner's: anyone else learns nothing about it. */
  private void requireOwnedBy(long orderId, long ownerId) {
    orders
        .order(orderId)
        .filter(order -> order.userId() == ownerId)
        .orElseThrow(() -> new OrderNotFoundException(orderId));
  }

  /** The owner deletes a pending order; its stock is released and it leaves every list. */
  @DELETE
  @Operation(summary = "Delete a pending order")
  @Path("/{id}")
  @Authenticated
  @APIResponse(
      responseCode = "200",
      description = "Deleted; its stock is released",
      content =
          @Content(
              schema = @Schema(implementation = SuccessResponse.class),
              example = "{\"detail\": \"Order deleted\"}"))
  @APIResponse(responseCode = "202", ref = OpenApiAnswers.ORDER_CHANGE_PENDING)
  @APIResponse(responseCode = "404", ref = OpenApiAnswers.NOT_FOUND)
  @APIResponse(
      responseCode = "409",
      description = "Only pending orders can be deleted",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response delete(@PathParam("id") long id) {
    requireOwnedBy(id, user.id());
    return ChangeAnswers.of(
        id,
        changes.delete(id, OrderView.actorOf(user.id())),
        () -> Response.ok(new SuccessResponse("Order deleted")).build());
  }

  @GET
  @Operation(summary = "Figures of an order")
  @Path("/{id}/statistics")
  @Authenticated
  @APIResponse(responseCode = "200", description = "Figures of the order")
  @APIResponse(responseCode = "404", ref = OpenApiAnswers.NOT_FOUND)
  public OrderStatistics statistics(@PathParam("id") long id) {
    return OrderStatistics.of(get(id), Instant.now());
  }

  /** The caller's orders, newest first. */
  @GET
  @Operation(summary = "List the caller's orders")
  @Path("/my-orders")
  @Authenticated
  public List<OrderView> myOrders(
      @QueryParam("skip") @DefaultValue("0") @Min(0) int skip,
      @QueryParam("limit") @DefaultValue("10") @Min(1) @Max(100) int limit,
      @QueryParam("status") OrderStatus status) {
    return orders.ofCustomer(user.id(), Optional.ofNullable(status), skip, limit);
  }

  static OrderStatus requireStatus(String status) {
    return OrderStatus.parse(status)
        .orElseThrow(() -> new InvalidRequestException("status", "Unknown status: " + status));
  }

  private static URI locationOf(OrderView order) {
    return URI.create("/api/v1/orders/" + order.orderId());
  }
}
