package io.orderflow.api.security;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * The address a request came from, for throttling and audit logs. It is the peer address unless
 * {@code quarkus.http.proxy.proxy-address-forwarding} is enabled behind a trusted proxy.
 */
public final class ClientAddress {
  public static String of(HttpServerRequest request) {
    SocketAddress remote = request == null ? null : request.remoteAddress();
    return remote == null ? "unknown" : remote.hostAddress();
  }

  public static String of(RoutingContext routing) {
    return of(routing == null ? null : routing.request());
  }

  private ClientAddress() {}
}
