package io.orderflow.api.rest;

import io.orderflow.api.domain.OrderView;
import io.orderflow.api.domain.ProductView;
import io.orderflow.api.security.CurrentUser;
import io.orderflow.api.service.CatalogService;
import io.orderflow.api.service.ProductNotFoundException;
import io.orderflow.model.ProductCommand;
import io.orderflow.model.ProductCreationRequested;
import io.orderflow.model.ProductUpdateRequested;
import io.orderflow.model.RestockRequested;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
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
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The catalog: anyone signed in reads it; admins change it through the worker. */
@Path("/api/v1/products")
@Tag(name = "Products", description = "The catalog with stock; changes go through the worker")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProductResource {
  private static final int DEFAULT_THRESHOLD = 10;

  private final CatalogService catalog;
  private final CurrentUser user;

  ProductResource(CatalogService catalog, CurrentUser user) {
    this.catalog = catalog;
    this.user = user;
  }

  @GET
  @Operation(summary = "List products with stock")
  @Path("/")
  @Authenticated
  public List<ProductView> list(
      @QueryParam("skip") @DefaultValue("0") @Min(0) int skip,
      @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
    return catalog.page(skip, limit);
  }

  @GET
  @Operation(summary = "Get a product")
  @Path("/{id}")
  @Authenticated
  @APIResponse(responseCode = "200", description = "The product")
  @APIResponse(responseCode = "404", ref = OpenApiAnswers.NOT_FOUND)
  public ProductView get(@PathParam("id") long id) {
    return catalog.product(id).orElseThrow(() -> new ProductNotFoundException(id));
  }

  @POST
  @Operation(summary = "Create a product (admin)")
  @Path("/")
  @RolesAllowed(CurrentUser.ADMIN)
  @APIResponse(
      responseCode = "201",
      description = "Created by the worker",
      headers =
          @Header(
              name = "Location",
              description = "The product",
              schema = @Schema(type = SchemaType.STRING)),
      content = @Content(schema = @Schema(implementation = ProductView.class)))
  @APIResponse(responseCode = "202", ref = OpenApiAnswers.PRODUCT_CHANGE_PENDING)
  public Response create(@Valid @NotNull ProductRequests.Create request) {
    ProductCommand command =
        new ProductCreationRequested(
            UUID.randomUUID(),
            request.name(),
            request.description(),
            request.price(),
            request.onHand(),
            Optional.ofNullable(request.lowStockThreshold()).orElse(DEFAULT_THRESHOLD),
            actor());
    return answer(
        catalog.submit(command),
        Optional.empty(),
        product -> Response.created(locationOf(product.productId())).entity(product).build());
  }

  @PUT
  @Operation(summary = "Update a product (admin)")
  @Path("/{id}")
  @RolesAllowed(CurrentUser.ADMIN)
  @APIResponse(
      responseCode = "200",
      description = "Changed by the worker",
      content = @Content(schema = @Schema(implementation = ProductView.class)))
  @APIResponse(responseCode = "202", ref = OpenApiAnswers.PRODUCT_CHANGE_PENDING)
  @APIResponse(responseCode = "404", ref = OpenApiAnswers.NOT_FOUND)
  public Response update(@PathParam("id") long id, @Valid @NotNull ProductRequests.Update request) {
    get(id);
    return answer(
        catalog.submit(
            new ProductUpdateRequested(
                UUID.randomUUID(),
                id,
                request.name(),
                request.description(),
                request.price(),
                request.lowStockThreshold(),
                actor())),
        Optional.of(locationOf(id)),
        product -> Response.ok(product).build());
  }

  @POST
  @Operation(summary = "Restock a product (admin)")
  @Path("/{id}/restock")
  @RolesAllowed(CurrentUser.ADMIN)
  @APIResponse(
      responseCode = "200",
      description = "Restocked by the worker",
      content = @Content(schema = @Schema(implementation = ProductView.class)))
  @APIResponse(responseCode = "202", ref = OpenApiAnswers.PRODUCT_CHANGE_PENDING)
  @APIResponse(responseCode = "404", ref = OpenApiAnswers.NOT_FOUND)
  public Response restock(
      @PathParam("id") long id, @Valid @NotNull ProductRequests.Restock request) {
    get(id);
    return answer(
        catalog.submit(new RestockRequested(UUID.randomUUID(), id, request.quantity(), actor())),
        Optional.of(locationOf(id)),
        product -> Response.ok(product).build());
  }

  private String actor() {
    return OrderView.actorOf(user.id());
  }

  private static URI locationOf(long productId) {
    return URI.create("/api/v1/products/" + productId);
  }

  /** The changed product, or 202 (naming what to poll) when the worker has not answered yet. */
  private static Response answer(
      Optional<ProductView> changed, Optional<URI> pollAt, Function<ProductView, Response> done) {
    return changed.map(done).orElseGet(() -> Accepted.notYetApplied(pollAt));
  }
}
