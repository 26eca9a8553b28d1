package io.orderflow.api.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ForwardedAddressGuardTest {
  private final ForwardedAddressGuard guard = new ForwardedAddressGuard();

  @Test
  void forwardingWithoutTrustedProxiesStopsTheStart() {
    assertThatThrownBy(() -> guard.onStart(null, true, Optional.empty()))
        .hasMessageContaining("trusted-proxies");
    assertThatThrownBy(() -> guard.onStart(null, true, Optional.of(List.of())))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void forwardingFromNamedProxiesOrNoForwardingStarts() {
    assertThatCode(() -> guard.onStart(null, true, Optional.of(List.of("10.42.0.0/16"))))
        .doesNotThrowAnyException();
    assertThatCode(() -> guard.onStart(null, false, Optional.empty())).doesNotThrowAnyException();
  }
}
