package io.orderflow.api.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.spi.runtime.AuthorizationFailureEvent;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Logs every failed role or authentication check with who asked, from where, for what. */
@ApplicationScoped
class AccessDeniedLog {
  private static final Logger LOG = Logger.getLogger(AccessDeniedLog.class);

  void onDenied(@Observes AuthorizationFailureEvent event) {
    SecurityIdentity identity = event.getSecurityIdentity();
    boolean anonymous = identity == null || identity.isAnonymous();
    // Role checks on endpoints carry the request in the identity, not in the event.
    RoutingContext routing =
        anonymous
            ? HttpSecurityUtils.getRoutingContextAttribute(event.getEventProperties())
            : HttpSecurityUtils.getRoutingContextAttribute(identity);
    LOG.warnf(
        "access denied to %s from %s for %s",
        anonymous ? "anonymous caller" : "user " + identity.getPrincipal().getName(),
        ClientAddress.of(routing),
        routing == null
            ? event.getAuthorizationContext()
            : routing.request().method() + " " + routing.normalizedPath());
  }
}
