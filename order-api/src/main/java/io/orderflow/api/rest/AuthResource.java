package io.orderflow.api.rest;

import io.orderflow.api.security.AccountService;
import io.orderflow.api.security.ClientAddress;
import io.orderflow.api.security.CurrentUser;
import io.orderflow.api.security.Sessions;
import io.quarkus.security.Authenticated;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;

@Path("/api/v1/auth")
@Tag(name = "Auth", description = "Accounts and tokens")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {
  private final AccountService accounts;
  private final Sessions sessions;
  private final CurrentUser user;
  private final HttpServerRequest http;

  AuthResource(
      AccountService accounts, Sessions sessions, CurrentUser user, HttpServerRequest http) {
    this.accounts = accounts;
    this.sessions = sessions;
    this.user = user;
    this.http = http;
  }

  @POST
  @Operation(summary = "Register a customer account")
  @Path("/register")
  @Consumes(MediaType.APPLICATION_JSON)
  @APIResponse(
      responseCode = "201",
      description = "Registered, role `customer`",
      content = @Content(schema = @Schema(implementation = UserResponse.class)))
  @APIResponse(
      responseCode = "409",
      description = "Email already registered (case-insensitive)",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(responseCode = "429", ref = OpenApiAnswers.THROTTLED)
  public Response register(@Valid @NotNull RegisterRequest request) {
    UserResponse created =
        UserResponse.of(
            accounts.register(
                request.email(), request.password(), request.fullName(), ClientAddress.of(http)));
    return Response.status(Response.Status.CREATED).entity(created).build();
  }

  @POST
  @Operation(summary = "Log in with email and password")
  @Path("/login")
  @Consumes(MediaType.APPLICATION_JSON)
  @APIResponse(responseCode = "200", description = "A new token pair")
  @APIResponse(
      responseCode = "401",
      description = "Incorrect email or password (unknown email and wrong password alike)",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(responseCode = "429", ref = OpenApiAnswers.THROTTLED)
  public TokenResponse login(@Valid @NotNull LoginRequest request) {
    return login(request.email(), request.password());
  }

  /** The OAuth2 password grant form, as the origin's Swagger "Authorize" button sends it. */
  @POST
  @Operation(summary = "Log in with a form (username, password)")
  @Path("/login")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public TokenResponse loginForm(
      @RestForm @NotNull @Size(max = 255) @PlainText String username,
      @RestForm @NotNull @Size(max = 128) @PlainText String password) {
    return login(username, password);
  }

  @POST
  @Operation(summary = "Exchange a refresh token for a new pair")
  @Path("/refresh")
  @Consumes(MediaType.APPLICATION_JSON)
  @APIResponse(
      responseCode = "200",
      description = "A new token pair; the old refresh token is used up")
  @APIResponse(
      responseCode = "401",
      description = "Refresh token invalid, expired or used before (which ends the session)",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(responseCode = "429", ref = OpenApiAnswers.THROTTLED)
  public TokenResponse refresh(@Valid @NotNull RefreshRequest request) {
    return TokenResponse.of(sessions.refresh(request.refreshToken(), ClientAddress.of(http)));
  }

  /** Revokes the bearer token and its session; for requests with a body that is not JSON. */
  @POST
  @Operation(summary = "Log out this session")
  @Path("/logout")
  @Authenticated
  @APIResponse(responseCode = "204", description = "The token and its session are revoked")
  public Response logout() {
    return logout(Optional.empty());
  }

  /**
   * Revokes the bearer token, its session and, when the body names one, the session of a refresh
   * token. The body is optional.
   */
  @POST
  @Operation(summary = "Log out this session")
  @Path("/logout")
  @Authenticated
  @Consumes(MediaType.APPLICATION_JSON)
  @APIResponse(responseCode = "204", description = "The token and its session are revoked")
  public Response logout(@Valid RefreshRequest request) {
    return logout(Optional.ofNullable(request).map(RefreshRequest::refreshToken));
  }

  @POST
  @Operation(summary = "Log out every session of the caller")
  @Path("/logout-all")
  @Authenticated
  @APIResponse(
      responseCode = "204",
      description = "Every session of the caller is revoked, with its access and refresh tokens")
  public Response logoutEverywhere() {
    sessions.closeAll(user.token(), user.id());
    return Response.noContent().build();
  }

  private Response logout(Optional<String> refreshToken) {
    sessions.close(user.token(), user.id(), refreshToken);
    return Response.noContent().build();
  }

  private TokenResponse login(String email, String password) {
    return TokenResponse.of(
        sessions.open(accounts.authenticate(email, password, ClientAddress.of(http))));
  }
}
