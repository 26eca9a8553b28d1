package io.orderflow.api.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.orderflow.api.config.OrderApiConfig;
import io.orderflow.api.domain.DeadLetterConflictException;
import io.orderflow.api.domain.DependencyUnavailableException;
import io.orderflow.api.domain.ThrottledException;
import io.orderflow.api.security.CredentialsRejectedException;
import io.orderflow.api.security.EmailAlreadyRegisteredException;
import io.orderflow.api.service.DeadLetterNotFoundException;
import io.orderflow.api.service.IdempotencyKeyReusedException;
import io.orderflow.api.service.InvalidRequestException;
import io.orderflow.api.service.KeyedOrderDeletedException;
import io.orderflow.api.service.OrderNotFoundException;
import io.orderflow.api.service.ProductNotFoundException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place that turns failures into HTTP answers. Bodies are always {@code {"detail": ...}};
 * no stack trace, class name or SQL ever reaches a client.
 */
public class ErrorMappers {
  private static final Logger LOG = Logger.getLogger(ErrorMappers.class);
  private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE =
      new PropertyNamingStrategies.SnakeCaseStrategy();

  private final OrderApiConfig config;
  private final UriInfo uri;
  private final UnavailableAnswerLog unavailableLog;

  ErrorMappers(OrderApiConfig config, UriInfo uri, UnavailableAnswerLog unavailableLog) {
    this.config = config;
    this.uri = uri;
    this.unavailableLog = unavailableLog;
  }

  @ServerExceptionMapper
  public Response invalidFields(ConstraintViolationException e) {
    List<ErrorResponse.FieldError> errors =
        e.getConstraintViolations().stream()
            .map(v -> new ErrorResponse.FieldError(fieldOf(v), v.getMessage()))
            .sorted(Comparator.comparing(ErrorResponse.FieldError::field))
            .toList();
    return status(Response.Status.BAD_REQUEST, new ErrorResponse("Validation failed", errors));
  }

  @ServerExceptionMapper
  public Response invalidRequest(InvalidRequestException e) {
    return status(
        Response.Status.BAD_REQUEST,
        new ErrorResponse(
            e.getMessage(), List.of(new ErrorResponse.FieldError(e.field(), e.getMessage()))));
  }

  @ServerExceptionMapper
  public Response idempotencyKeyReused(IdempotencyKeyReusedException e) {
    return Response.status(422).entity(ErrorResponse.of(e.getMessage())).build();
  }

  @ServerExceptionMapper
  public Response keyedOrderDeleted(KeyedOrderDeletedException e) {
    return status(Response.Status.GONE, ErrorResponse.of(e.getMessage()));
  }

  @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class})
  public Response unreadableBody(JsonProcessingException e) {
    String field =
        e instanceof JsonMappingException mapping
            ? mapping.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[")
            : "";
    if (field.isEmpty()) {
      return status(
          Response.Status.BAD_REQUEST, ErrorResponse.of("Request body is not valid JSON"));
    }
    return status(
        Response.Status.BAD_REQUEST,
        new ErrorResponse(
            "Invalid value for field " + field,
            List.of(new ErrorResponse.FieldError(field, expectationOf(e)))));
  }

  /** What the field takes, from the type Jackson was asked to read. */
  private static String expectationOf(JsonProcessingException e) {
    Class<?> target =
        e instanceof MismatchedInputException mismatch
            ? mismatch.getTargetType()
            : e.getCause() instanceof InputCoercionException outOfRange
                ? outOfRange.getTargetType()
                : null;
    if (target == Integer.class || target == int.class) {
      return "must be a whole number from -2147483648 to 2147483647";
    }
    if (target == Long.class || target == long.class) {
      return "must be a whole number within 64 bits";
    }
    if (target != null && Number.class.isAssignableFrom(target)) {
      return "must be a number";
    }
    if (target == String.class) {
      return "must be a string";
    }
    return "has the wrong type or shape";
  }

  @ServerExceptionMapper({
    OrderNotFoundException.class,
    ProductNotFoundException.class,
    DeadLetterNotFoundException.class
  })
  public Response notFound(RuntimeException e) {
    return status(Response.Status.NOT_FOUND, ErrorResponse.of(e.getMessage()));
  }

  @ServerExceptionMapper
  public Response deadLetterConflict(DeadLetterConflictException e) {
    return status(Response.Status.CONFLICT, ErrorResponse.of(e.getMessage()));
  }

  @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
  public Response unauthenticated(RuntimeException e) {
    LOG.infof("unauthenticated request to %s: %s", uri.getPath(), e.getMessage());
    return json(Response.Status.UNAUTHORIZED)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
        .entity(ErrorResponse.of("Invalid or expired access token"))
        .build();
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e) {
    LOG.warnf("access denied to %s", uri.getPath());
    return status(Response.Status.FORBIDDEN, ErrorResponse.of("Admin privileges required"));
  }

  @ServerExceptionMapper
  public Response unavailable(DependencyUnavailableException e) {
    unavailableLog.answered(uri.getPath(), e);
    return json(Response.Status.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, config.retryAfterSeconds())
        .entity(ErrorResponse.of("Service temporarily unavailable, retry later"))
        .build();
  }

  @ServerExceptionMapper
  public Response http(WebApplicationException e) {
    if (e.getCause() instanceof JsonProcessingException unreadable) {
      return unreadableBody(unreadable);
    }
    if (e.getCause() instanceof InvalidRequestException invalid) {
      return invalidRequest(invalid);
    }
    Response.StatusType status = e.getResponse().getStatusInfo();
    return status(status, ErrorResponse.of(status.getReasonPhrase()));
  }

  @ServerExceptionMapper
  public Response credentialsRejected(CredentialsRejectedException e) {
    return json(Response.Status.UNAUTHORIZED)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
        .entity(ErrorResponse.of(e.getMessage()))
        .build();
  }

  @ServerExceptionMapper
  public Response emailTaken(EmailAlreadyRegisteredException e) {
    return status(Response.Status.CONFLICT, ErrorResponse.of(e.getMessage()));
  }

  @ServerExceptionMapper
  public Response throttled(ThrottledException e) {
    return json(Response.Status.TOO_MANY_REQUESTS)
        .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds())
        .entity(ErrorResponse.of(e.getMessage()))
        .build();
  }

  @ServerExceptionMapper(priority = Integer.MAX_VALUE)
  public Response unexpected(Throwable e) {
    if (ClientLeft.causedBy(e)) {
      // the client closed the connection before sending its whole body: nothing failed here, and
      // nobody is left to read the answer
      LOG.debugf("client left before its request to %s was read", uri.getPath());
      return status(Response.Status.BAD_REQUEST, ErrorResponse.of("Request body incomplete"));
    }
    LOG.errorf(e, "unexpected failure serving %s", uri.getPath());
    return status(Response.Status.INTERNAL_SERVER_ERROR, ErrorResponse.of("Internal server error"));
  }

  private static Response status(Response.StatusType status, Object body) {
    return json(status).entity(body).build();
  }

  /**
   * Errors are JSON whatever the request's Accept header asked for: a client that accepts only XML
   * still learns why it got a 406, instead of a Java toString.
   */
  private static Response.ResponseBuilder json(Response.StatusType status) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE);
  }

  /** {@code place.request.orderItems[0].quantity} becomes {@code order_items[0].quantity}. */
  private static String fieldOf(ConstraintViolation<?> violation) {
    List<Path.Node> nodes =
        StreamSupport.stream(violation.getPropertyPath().spliterator(), false).toList();
    StringBuilder field = new StringBuilder();
    for (Path.Node node : nodes.subList(Math.min(2, nodes.size()), nodes.size())) {
      if (node.getIndex() != null && field.length() > 0) {
        field.append('[').append(node.getIndex()).append(']');
      }
      if (node.getName() != null && !node.getName().startsWith("<")) {
        field.append(field.length() > 0 ? "." : "").append(SNAKE.translate(node.getName()));
      }
    }
    return field.length() > 0
        ? field.toString()
        : SNAKE.translate(nodes.get(nodes.size() - 1).getName());
  }
}
