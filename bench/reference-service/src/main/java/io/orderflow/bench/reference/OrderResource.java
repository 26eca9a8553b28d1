package io.orderflow.bench.reference;

import io.quarkus.security.AuthenticationFailedException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** {@code POST /api/v1/orders/}: 200 with the pending order, or 400 with the stock issues. */
@Path("/api/v1/orders")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrderResource {
  private final OrderLedger ledger;
  private final JsonWebToken token;

  OrderResource(OrderLedger ledger, JsonWebToken token) {
    this.ledger = ledger;
    this.token = token;
  }

  @POST
  @Path("/")
  @RolesAllowed({"customer", "admin"})
  public Response place(@Valid @NotNull PlaceOrderRequest request) {
    OrderLedger.Decision decision = ledger.place(userId(), request);
    if (decision instanceof OrderLedger.Rejected rejected) {
      return Response.status(Response.Status.BAD_REQUEST)
          .entity(StockRejection.of(rejected.issues()))
          .build();
    }
    return Response.ok(((OrderLedger.Placed) decision).order()).build();
  }

  private long userId() {
    try {
      return Long.parseLong(token.getSubject());
    } catch (NumberFormatException | NullPointerException e) {
      throw new AuthenticationFailedException("token subject is not a user id");
    }
  }
}
