package io.orderflow.api.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses to start with forwarded addresses believed from anyone: Quarkus trusts every peer when
 * {@code quarkus.http.proxy.trusted-proxies} is empty, and then each client could name its own
 * address per request and escape every throttle. (Quarkus's own keys, so read as properties.)
 */
@ApplicationScoped
class ForwardedAddressGuard {
  void onStart(
      @Observes StartupEvent start,
      @ConfigProperty(name = "quarkus.http.proxy.proxy-address-forwarding") boolean forwarding,
      @ConfigProperty(name = "quarkus.http.proxy.trusted-proxies")
          Optional<List<String>> trustedProxies) {
    if (forwarding && trustedProxies.filter(proxies -> !proxies.isEmpty()).isEmpty()) {
      throw new IllegalStateException(
          "quarkus.http.proxy.proxy-address-forwarding is on without"
              + " quarkus.http.proxy.trusted-proxies: name the proxies (IPs or CIDRs) whose"
              + " forwarded headers are believed");
    }
  }
}
