package io.orderflow.api.rest;

import io.orderflow.api.security.AccountService;
import io.orderflow.api.security.CurrentUser;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/users")
@Tag(name = "Users", description = "The caller's account")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {
  private final AccountService accounts;
  private final CurrentUser user;

  UserResource(AccountService accounts, CurrentUser user) {
    this.accounts = accounts;
    this.user = user;
  }

  /** The caller's account; 404 for a valid token whose user has no account here. */
  @GET
  @Path("/me")
  @Authenticated
  @APIResponse(responseCode = "200", description = "The caller's account")
  @APIResponse(responseCode = "404", ref = OpenApiAnswers.NOT_FOUND)
  public UserResponse me() {
    return accounts.account(user.id()).map(UserResponse::of).orElseThrow(NotFoundException::new);
  }
}
