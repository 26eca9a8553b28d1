package io.orderflow.api.rest;

import io.orderflow.api.domain.DeadLetterState;
import io.orderflow.api.domain.DeadLetterView;
import io.orderflow.api.domain.OrderView;
import io.orderflow.api.security.CurrentUser;
import io.orderflow.api.service.DeadLetterService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Dead letters of every pipeline topic: list, replay once, discard (ADR 031). */
@Path("/api/v1/admin/dead-letters")
@Tag(name = "Dead letters (admin)", description = "Records no consumer could process")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(CurrentUser.ADMIN)
public class DeadLetterResource {
  private static final String NOT_PENDING =
      "{\"detail\": \"Dead letter 7 is replayed, not pending\"}";

  private final DeadLetterService letters;
  private final CurrentUser user;

  DeadLetterResource(DeadLetterService letters, CurrentUser user) {
    this.letters = letters;
    this.user = user;
  }

  @GET
  @Operation(summary = "List dead letters (admin)")
  @APIResponse(
      responseCode = "200",
      description = "Matching dead letters, newest first",
      content =
          @Content(
              schema = @Schema(type = SchemaType.ARRAY, implementation = DeadLetterView.class)))
  public List<DeadLetterView> list(
      @QueryParam("topic") String topic,
      @QueryParam("state") DeadLetterState state,
      @QueryParam("skip") @DefaultValue("0") @Min(0) int skip,
      @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
    return letters.list(optional(topic), Optional.ofNullable(state), skip, limit);
  }

  @POST
  @Operation(summary = "Replay a dead letter once (admin)")
  @Path("/{id}/replay")
  @APIResponse(
      responseCode = "200",
      description = "Replayed: republished to its command topic or applied to the read model",
      content = @Content(schema = @Schema(implementation = DeadLetterView.class)))
  @APIResponse(responseCode = "404", ref = OpenApiAnswers.NOT_FOUND)
  @APIResponse(
      responseCode = "409",
      description =
          "Not pending (replayed or discarded), or its record still cannot be applied, or its"
              + " topic's consumers are outside orderflow; nothing was done",
      content =
          @Content(schema = @Schema(implementation = ErrorResponse.class), example = NOT_PENDING))
  public DeadLetterView replay(@PathParam("id") long id) {
    return letters.replay(id, OrderView.actorOf(user.id()));
  }

  @DELETE
  @Operation(summary = "Discard a dead letter (admin)")
  @Path("/{id}")
  @APIResponse(
      responseCode = "200",
      description = "Discarded, with who and when",
      content = @Content(schema = @Schema(implementation = DeadLetterView.class)))
  @APIResponse(responseCode = "404", ref = OpenApiAnswers.NOT_FOUND)
  @APIResponse(
      responseCode = "409",
      description = "Not pending (replayed or discarded); nothing was done",
      content =
          @Content(schema = @Schema(implementation = ErrorResponse.class), example = NOT_PENDING))
  public DeadLetterView discard(@PathParam("id") long id) {
    return letters.discard(id, OrderView.actorOf(user.id()));
  }

  /** Absent or empty means any. */
  private static Optional<String> optional(String parameter) {
    return Optional.ofNullable(parameter).filter(p -> !p.isEmpty());
  }
}
