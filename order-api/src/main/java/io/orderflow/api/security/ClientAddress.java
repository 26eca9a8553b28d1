package io.orderflow.api.security;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The address a request came from, for throttling and audit logs. It is the peer address, or the
 * forwarded one when {@code quarkus.http.proxy.proxy-address-forwarding} is on and the peer is one
 * of {@code quarkus.http.proxy.trusted-proxies}: a client that is not a trusted proxy cannot pick
 * its address with a header.
 */
public final class ClientAddress {
  private static final int IPV6_NETWORK_BYTES = 8;

  public static String of(HttpServerRequest request) {
    SocketAddress remote = request == null ? null : request.remoteAddress();
    return remote == null ? "unknown" : remote.hostAddress();
  }

  public static String of(RoutingContext routing) {
    return of(routing == null ? null : routing.request());
  }

  /**
   * What a throttle counts an address as: an IPv4 address itself, an IPv6 address its /64. A
   * subscriber gets a whole /64 and could otherwise take a fresh address for every request.
   */
  static String throttled(String address) {
    if (address.indexOf(':') < 0) {
      return address;
    }
    int zone = address.indexOf('%');
    try {
      InetAddress parsed = InetAddress.getByName(zone < 0 ? address : address.substring(0, zone));
      if (!(parsed instanceof Inet6Address)) {
        return parsed.getHostAddress(); // an IPv4-mapped address
      }
      byte[] network = parsed.getAddress();
      Arrays.fill(network, IPV6_NETWORK_BYTES, network.length, (byte) 0);
      return InetAddress.getByAddress(network).getHostAddress() + "/64";
    } catch (UnknownHostException e) {
      return address; // not a literal address: counted as it is
    }
  }

  private ClientAddress() {}
}
