package io.orderflow.api.rest;

import io.orderflow.api.security.AccountService;
import io.orderflow.api.security.ClientAddress;
import io.orderflow.api.security.CurrentUser;
import io.quarkus.security.Authenticated;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/users")
@Tag(name = "Users", description = "The caller's account")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {
  private final AccountService accounts;
  private final CurrentUser user;
  private final HttpServerRequest http;

  UserResource(AccountService accounts, CurrentUser user, HttpServerRequest http) {
    this.accounts = accounts;
    this.user = user;
    this.http = http;
  }

  /** The caller's account; 404 for a valid token whose user has no account here. */
  @GET
  @Operation(summary = "Get the caller's account")
  @Path("/me")
  @Authenticated
  @APIResponse(responseCode = "200", description = "The caller's account")
  @APIResponse(responseCode = "404", ref = OpenApiAnswers.NOT_FOUND)
  public UserResponse me() {
    return accounts.account(user.id()).map(UserResponse::of).orElseThrow(NotFoundException::new);
  }

  @PUT
  @Operation(summary = "Change the caller's password")
  @Path("/me/password")
  @Authenticated
  @Consumes(MediaType.APPLICATION_JSON)
  @APIResponse(
      responseCode = "204",
      description = "Password changed; every other session of the caller is revoked")
  @APIResponse(
      responseCode = "401",
      description = "Current password incorrect (counted as a failed login)",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(responseCode = "429", ref = OpenApiAnswers.THROTTLED)
  public Response changePassword(@Valid @NotNull PasswordChangeRequest request) {
    accounts.changePassword(
        user.token(),
        user.id(),
        request.currentPassword(),
        request.newPassword(),
        ClientAddress.of(http));
    return Response.noContent().build();
  }
}
