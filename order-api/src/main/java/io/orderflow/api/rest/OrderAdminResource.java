package io.orderflow.api.rest;

import io.orderflow.api.domain.OrderFilter;
import io.orderflow.api.domain.OrderPage;
import io.orderflow.api.domain.OrderView;
import io.orderflow.api.domain.SalesAnalytics;
import io.orderflow.api.security.CurrentUser;
import io.orderflow.api.service.CatalogService;
import io.orderflow.api.service.OrderChangeService;
import io.orderflow.api.service.OrderNotFoundException;
import io.orderflow.api.service.OrderQueries;
import io.orderflow.api.service.StockCheck;
import io.orderflow.model.OrderStatus;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admin operations on orders; every status change goes through the worker. */
@Path("/api/v1/orders")
@Tag(name = "Orders (admin)", description = "Every order: lists, status changes, analytics, stock")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(CurrentUser.ADMIN)
public class OrderAdminResource {
  /** The total number of matches, so the body stays the plain list older clients expect. */
  static final String TOTAL_COUNT = "X-Total-Count";

  private final OrderChangeService changes;
  private final OrderQueries orders;
  private final CatalogService catalog;
  private final CurrentUser user;

  OrderAdminResource(
      OrderChangeService changes, OrderQueries orders, CatalogService catalog, CurrentUser user) {
    this.changes = changes;
    this.orders = orders;
    this.catalog = catalog;
    this.user = user;
  }

  @GET
  @Operation(summary = "List orders with filters (admin)")
  @Path("/")
  @APIResponse(
      responseCode = "200",
      description = "Matching orders, newest first",
      headers =
          @Header(
              name = TOTAL_COUNT,
              description = "All matches, beyond skip and limit",
              schema = @Schema(type = SchemaType.INTEGER)),
      content =
          @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = OrderView.class)))
  public Response list(
      @QueryParam("status") OrderStatus status,
      @QueryParam("user_id") Long userId,
      @QueryParam("start_date") Instant startDate,
      @QueryParam("end_date") Instant endDate,
      @QueryParam("min_amount") @Digits(integer = 10, fraction = 2) BigDecimal minAmount,
      @QueryParam("max_amount") @Digits(integer = 10, fraction = 2) BigDecimal maxAmount,
      @QueryParam("skip") @DefaultValue("0") @Min(0) int skip,
      @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
    OrderFilter filter =
        new OrderFilter(
            Optional.ofNullable(status),
            Optional.ofNullable(userId),
            Optional.ofNullable(startDate),
            Optional.ofNullable(endDate),
            Optional.ofNullable(minAmount),
            Optional.ofNullable(maxAmount));
    OrderPage page = orders.search(filter, skip, limit);
    return Response.ok(page.orders()).header(TOTAL_COUNT, page.total()).build();
  }

  @PUT
  @Operation(summary = "Change an order's status (admin)")
  @Path("/{id}/status")
  @APIResponse(
      responseCode = "200",
      description = "The order in its new status",
      content = @Content(schema = @Schema(implementation = OrderView.class)))
  @APIResponse(responseCode = "202", ref = OpenApiAnswers.ORDER_CHANGE_PENDING)
  @APIResponse(responseCode = "404", ref = OpenApiAnswers.NOT_FOUND)
  @APIResponse(
      responseCode = "409",
      description = "Not a legal move from the current status",
      content =
          @Content(
              schema = @Schema(implementation = ErrorResponse.class),
              example = "{\"detail\": \"Cannot change status from pending to delivered\"}"))
  public Response changeStatus(
      @PathParam("id") long id, @Valid @NotNull StatusChangeRequest request) {
    OrderStatus status = OrderResource.requireStatus(request.status());
    orders.order(id).orElseThrow(() -> new OrderNotFoundException(id));
    return ChangeAnswers.of(
        id,
        changes.changeStatus(id, status, OrderView.actorOf(user.id())),
        () -> Response.ok(orders.order(id).orElseThrow()).build());
  }

  /**
   * One result per distinct id, in the order of first appearance: an id named twice is changed
   * once. The whole request is 200 whatever each result is.
   */
  @POST
  @Operation(summary = "Change the status of many orders (admin)")
  @Path("/status/bulk")
  public List<BulkStatusChangeResult> changeStatuses(
      @Valid @NotNull BulkStatusChangeRequest request) {
    OrderStatus status = OrderResource.requireStatus(request.status());
    List<Long> ids = request.orderIds().stream().distinct().toList();
    var outcomes = changes.changeAll(ids, status, OrderView.actorOf(user.id()));
    return IntStream.range(0, ids.size())
        .mapToObj(i -> BulkStatusChangeResult.of(ids.get(i), outcomes.get(i)))
        .toList();
  }

  /** Orders and revenue per day and status, and the top products, between two days (UTC). */
  @GET
  @Operation(summary = "Sales analytics (admin)")
  @Path("/analytics")
  public SalesAnalytics analytics(
      @QueryParam("start_date") Instant startDate,
      @QueryParam("end_date") Instant endDate,
      @QueryParam("top") @DefaultValue("10") @Min(1) @Max(100) int top) {
    Instant end = Optional.ofNullable(endDate).orElse(Instant.now());
    Instant start = Optional.ofNullable(startDate).orElse(end.minus(Duration.ofDays(30)));
    return orders.analytics(start, end, top);
  }

  /** Stock per product with its level, totals, and how far behind the worker is. */
  @GET
  @Operation(summary = "Stock levels and worker lag (admin)")
  @Path("/health/stock-check")
  public StockCheck stockCheck() {
    return catalog.stockCheck();
  }
}
