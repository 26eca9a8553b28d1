package io.orderflow.api.rest;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a request whose declared body exceeds {@code quarkus.http.limits.max-body-size} with 413
 * and the usual {@code {"detail"}} body, before anything reads it. Quarkus's own check (one route
 * later) would answer the same status with an empty body; it still guards chunked bodies, which
 * declare no length.
 */
@ApplicationScoped
public class BodySizeLimit {
  private final long maxBytes;
  private final String body;

  BodySizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize max) {
    this.maxBytes = max.asLongValue();
    this.body = "{\"detail\":\"Request body is larger than " + maxBytes + " bytes\"}";
  }

  void install(@Observes Router router) {
    router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::check);
  }

  private void check(RoutingContext context) {
    String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && declaresMoreThanLimit(length)) {
      context
          .response()
          .setStatusCode(413)
          .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
          .putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE)
          .end(body);
      return;
    }
    context.next();
  }

  private boolean declaresMoreThanLimit(String length) {
    try {
      return Long.parseLong(length.trim()) > maxBytes;
    } catch (NumberFormatException e) {
      return false; // the HTTP codec refuses a malformed Content-Length itself
    }
  }
}
