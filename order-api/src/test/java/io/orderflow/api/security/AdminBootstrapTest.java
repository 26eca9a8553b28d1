package io.orderflow.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.api.domain.Account;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdminBootstrapTest {
  private static final String EMAIL = "admin@shop.example";
  private static final String GOOD = "a long enough admin password";

  @Test
  void aGoodPasswordForAFreeEmailIsAccepted() {
    assertThat(AdminBootstrap.refusal(EMAIL, GOOD, Optional.empty())).isEmpty();
  }

  @Test
  void anExistingAdminIsAccepted() {
    assertThat(AdminBootstrap.refusal(EMAIL, GOOD, Optional.of(account(CurrentUser.ADMIN))))
        .isEmpty();
  }

  @Test
  void theTemplatePlaceholderIsRefusedInAnyCase() {
    assertThat(AdminBootstrap.refusal(EMAIL, "REPLACE_ME", Optional.empty()))
        .hasValueSatisfying(why -> assertThat(why).contains("placeholder"));
    assertThat(AdminBootstrap.refusal(EMAIL, "please-replace_me-now", Optional.empty()))
        .isPresent();
  }

  @Test
  void aShortPasswordIsRefused() {
    assertThat(AdminBootstrap.refusal(EMAIL, "x".repeat(11), Optional.empty()))
        .hasValueSatisfying(why -> assertThat(why).contains("shorter than 12"));
    assertThat(AdminBootstrap.refusal(EMAIL, "x".repeat(12), Optional.empty())).isEmpty();
  }

  @Test
  void anEmailHeldByACustomerIsRefusedNamingTheAccount() {
    assertThat(AdminBootstrap.refusal(EMAIL, GOOD, Optional.of(account(CurrentUser.CUSTOMER))))
        .hasValueSatisfying(why -> assertThat(why).contains(EMAIL).contains("user 7"));
  }

  private static Account account(String role) {
    return new Account(7, EMAIL, "hash", "Someone", role, Instant.EPOCH, null);
  }
}
