package io.orderflow.api.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

/**
 * The answers many operations share, written once (ADR 004). The resources annotate only what is
 * their own; this filter (registered as {@code mp.openapi.filter}) adds to every {@code /api/}
 * operation: 400 (parameters, a body and the Content-Type and Accept headers must parse, ADR 015),
 * 406 and 415 everywhere (JSON only, both ways), 413 where it takes a body, 401 where it needs a
 * token, 403 where it needs a role, and 503 everywhere (every request may need PostgreSQL, Redis or
 * Kafka). It also defines the shared answers that resources name by reference: {@link #NOT_FOUND},
 * {@link #THROTTLED}, {@link #ORDER_CHANGE_PENDING}, {@link #PRODUCT_CHANGE_PENDING}, {@link
 * #STREAMS_EXHAUSTED}.
 */
public class OpenApiAnswers implements OASFilter {
  static final String NOT_FOUND = "NotFound";
  static final String THROTTLED = "Throttled";
  static final String ORDER_CHANGE_PENDING = "OrderChangePending";
  static final String PRODUCT_CHANGE_PENDING = "ProductChangePending";
  static final String STREAMS_EXHAUSTED = "StreamsExhausted";

  private static final String INVALID_INPUT = "InvalidInput";
  private static final String UNAUTHENTICATED = "Unauthenticated";
  private static final String FORBIDDEN = "Forbidden";
  private static final String TOO_LARGE = "TooLarge";
  private static final String NOT_ACCEPTABLE = "NotAcceptable";
  private static final String UNSUPPORTED_MEDIA_TYPE = "UnsupportedMediaType";
  private static final String UNAVAILABLE = "Unavailable";
  private static final String ERROR_SCHEMA = "#/components/schemas/ErrorResponse";

  @Override
  public void filterOpenAPI(OpenAPI document) {
    Components components =
        Optional.ofNullable(document.getComponents()).orElseGet(OASFactory::createComponents);
    shared().forEach(components::addResponse);
    document.setComponents(components);
    document.getPaths().getPathItems().entrySet().stream()
        .filter(path -> path.getKey().startsWith("/api/"))
        .forEach(path -> path.getValue().getOperations().values().forEach(o -> addCommon(o)));
  }

  private static void addCommon(Operation operation) {
    APIResponses answers = operation.getResponses();
    boolean takesBody = operation.getRequestBody() != null;
    putIfAbsent(answers, "400", INVALID_INPUT);
    answers.addAPIResponse("406", ref(NOT_ACCEPTABLE));
    answers.addAPIResponse("415", ref(UNSUPPORTED_MEDIA_TYPE));
    if (takesBody) {
      answers.addAPIResponse("413", ref(TOO_LARGE));
    }
    // Quarkus derives 401 and 403 from @Authenticated/@RolesAllowed, 403 even where no role is
    // needed; ours carry the body and the header
    rolesOf(operation)
        .ifPresent(
            roles -> {
              answers.addAPIResponse("401", ref(UNAUTHENTICATED));
              answers.removeAPIResponse("403");
              if (!roles.isEmpty()) {
                answers.addAPIResponse("403", ref(FORBIDDEN));
              }
            });
    answers.addAPIResponse("503", ref(UNAVAILABLE));
  }

  /** The roles an operation requires: empty for any signed-in user, absent when open. */
  private static Optional<List<String>> rolesOf(Operation operation) {
    return Optional.ofNullable(operation.getSecurity()).stream()
        .flatMap(List::stream)
        .map(SecurityRequirement::getSchemes)
        .flatMap(schemes -> schemes.values().stream())
        .findFirst();
  }

  private static void putIfAbsent(APIResponses answers, String status, String name) {
    if (!answers.hasAPIResponse(status)) {
      answers.addAPIResponse(status, ref(name));
    }
  }

  private static APIResponse ref(String name) {
    return OASFactory.createAPIResponse().ref(name);
  }

  private static Map<String, APIResponse> shared() {
    Map<String, APIResponse> answers = new LinkedHashMap<>();
    answers.put(
        INVALID_INPUT,
        error(
            "A body field, parameter or Content-Type/Accept header that does not parse or"
                + " validate; `errors` names each field",
            OpenApiExamples.FIELD_ERRORS));
    answers.put(
        NOT_ACCEPTABLE,
        error(
            "The Accept header excludes application/json (text/event-stream for the streams)",
            detail("Not Acceptable")));
    answers.put(
        UNSUPPORTED_MEDIA_TYPE,
        error(
            "A Content-Type other than application/json, even without a body",
            detail("Unsupported Media Type")));
    answers.put(
        UNAUTHENTICATED,
        error(
                "Token missing, invalid, expired or revoked",
                detail("Invalid or expired access token"))
            .addHeader("WWW-Authenticate", header("Always `Bearer`", string())));
    answers.put(FORBIDDEN, error("The caller lacks the role", detail("Admin privileges required")));
    answers.put(
        NOT_FOUND,
        error(
            "No such order, product or dead letter, or not the caller's (no existence leak)",
            detail("Order not found")));
    answers.put(
        TOO_LARGE,
        error(
            "Body larger than quarkus.http.limits.max-body-size (64 KB)",
            detail("Request body is larger than 65536 bytes")));
    answers.put(
        THROTTLED,
        error("Too many attempts from this address", detail("Too many registrations, retry later"))
            .addHeader("Retry-After", retryAfter()));
    answers.put(
        STREAMS_EXHAUSTED,
        error(
                "The caller (5 by default) or this instance (1000) holds as many open streams as"
                    + " allowed",
                detail("Too many open streams of this user, close one first"))
            .addHeader("Retry-After", retryAfter()));
    answers.put(
        UNAVAILABLE,
        error(
                "PostgreSQL, Redis or Kafka is unreachable; nothing was done",
                detail("Service temporarily unavailable, retry later"))
            .addHeader("Retry-After", retryAfter()));
    answers.put(
        ORDER_CHANGE_PENDING,
        error(
                "The worker has not applied the change within the wait; it will",
                detail(Accepted.NOT_YET))
            .addHeader("Location", header("The order, to read its state later", string())));
    answers.put(
        PRODUCT_CHANGE_PENDING,
        error(
            "The worker has not applied the change within the wait; it will",
            detail(Accepted.NOT_YET)));
    return answers;
  }

  private static APIResponse error(String description, String example) {
    return OASFactory.createAPIResponse()
        .description(description)
        .content(
            OASFactory.createContent()
                .addMediaType(
                    "application/json",
                    OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref(ERROR_SCHEMA))
                        .example(parsed(example))));
  }

  private static String detail(String message) {
    return "{\"detail\": \"" + message + "\"}";
  }

  private static Object parsed(String json) {
    try {
      return new ObjectMapper().readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("example is not JSON: " + json, e);
    }
  }

  private static Header retryAfter() {
    return header(
        "Seconds to wait before retrying",
        OASFactory.createSchema().addType(Schema.SchemaType.INTEGER));
  }

  private static Header header(String description, Schema schema) {
    return OASFactory.createHeader().description(description).schema(schema);
  }

  private static Schema string() {
    return OASFactory.createSchema().addType(Schema.SchemaType.STRING);
  }
}
