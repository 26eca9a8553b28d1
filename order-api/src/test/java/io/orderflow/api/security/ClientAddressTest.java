package io.orderflow.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressTest {
  @Test
  void anIpv4AddressIsCountedAsItself() {
    assertThat(ClientAddress.throttled("203.0.113.9")).isEqualTo("203.0.113.9");
  }

  @Test
  void everyAddressOfOneIpv6SlashSixtyFourIsCountedAsOne() {
    String first = ClientAddress.throttled("2001:db8:1:2:aaaa:bbbb:cccc:dddd");
    String second = ClientAddress.throttled("2001:db8:1:2::1");

    assertThat(first).isEqualTo(second).isEqualTo("2001:db8:1:2:0:0:0:0/64");
    assertThat(ClientAddress.throttled("2001:db8:1:3::1")).isNotEqualTo(first);
  }

  @Test
  void aZoneAndAnIpv4MappedFormAreUnderstood() {
    assertThat(ClientAddress.throttled("fe80::1%eth0")).isEqualTo("fe80:0:0:0:0:0:0:0/64");
    assertThat(ClientAddress.throttled("::ffff:203.0.113.9")).isEqualTo("203.0.113.9");
  }
}
