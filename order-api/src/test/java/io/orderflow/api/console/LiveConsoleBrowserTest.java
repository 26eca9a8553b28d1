package io.orderflow.api.console;

import io.orderflow.api.console.Shop.Customer;
import io.orderflow.stack.InfrastructureTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The console's and the checkout page's live parts, written against the contract of the order
 * streams and the dead-letter API (ADR 032), which other branches of issue 19 build.
 */
@Disabled("needs the SSE / dead-letter endpoints from issue-19-sse / issue-19-dlq")
@QuarkusTest
@TestProfile(DecidedInTheWait.class)
@QuarkusTestResource(InfrastructureTestResource.class)
class LiveConsoleBrowserTest {
  private static final long LAMP = 930_101;

  @TestHTTPResource("/console/")
  URL console;

  @TestHTTPResource("/checkout/")
  URL checkout;

  private Browser browser;
  private Shop shop;

  @BeforeEach
  void start() {
    browser = Browser.start();
    shop = new Shop();
  }

  @AfterEach
  void stop() throws InterruptedException {
    browser.close();
    shop.close();
  }

  @Test
  void adminSeesANewOrderAppearLive() {
    signInAsAdmin();
    browser.showing("#feed-state", "live");

    long order = shop.pendingOrder(shop.customer(), LAMP, "1 Main St");

    browser.containing("#feed li[data-order-id='" + order + "']", "pending");
    browser.screenshot("console-live-feed");
  }

  @Test
  void adminReplaysADeadLetterOnceOnly() {
    String key = "console-poison-" + UUID.randomUUID();
    shop.poisonOrderEvent(key);

    signInAsAdmin();
    String row = "#dead-letters tr[data-key='" + key + "']";
    browser.click("nav button[data-view=dead-letters]");
    browser.click(row + " button.replay");
    browser.containing("#message", "replayed");
    browser.screenshot("console-dead-letter-replayed");

    browser.click(row + " button.replay");
    browser.matching("#message.error", ".+");
  }

  @Test
  void checkoutFollowsItsOrderLive() {
    Customer customer = shop.customer();
    browser.open(checkout.toString());
    browser.submit("#sign-in", "email", customer.email(), "password", Shop.PASSWORD);
    browser.submit("#order", "product-" + LAMP, "1");
    browser.showing("#order-status", "pending");
    long order =
        Long.parseLong(browser.visible("#tracking-title").getText().replace("Order #", ""));

    shop.answersChanges(order, customer);
    shop.changeStatusAsAdmin(order, "confirmed");

    browser.showing("#order-status", "confirmed");
    browser.containing("#timeline", "confirmed");
    browser.screenshot("checkout-followed-live");
  }

  private void signInAsAdmin() {
    browser.open(console.toString());
    browser.submit("#sign-in", "email", Shop.ADMIN_EMAIL, "password", Shop.ADMIN_PASSWORD);
    browser.visible("#orders");
  }
}
