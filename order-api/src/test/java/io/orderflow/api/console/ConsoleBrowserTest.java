package io.orderflow.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.api.DecidedInTheWait;
import io.orderflow.api.console.Shop.Customer;
import io.orderflow.stack.InfrastructureTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin console and the demo checkout page in headless Chromium, against order-api on real
 * Kafka, PostgreSQL and Redis with a stand-in worker, their live parts included (the admin feed, a
 * dead letter replayed once, the checkout page following its order). Screenshots go to
 * target/screenshots.
 */
@QuarkusTest
@TestProfile(DecidedInTheWait.class)
@QuarkusTestResource(InfrastructureTestResource.class)
class ConsoleBrowserTest {
  private static final long LAMP = 930_001;
  private static final long DESK = 930_002;
  private static final long LIVE_LAMP = 930_101;

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
  void adminConfirmsAPendingOrderAndSeesStockChange() {
    Customer customer = shop.customer();
    shop.stock(LAMP, "Desk lamp", 40, 0);
    long order = shop.pendingOrder(customer, LAMP, "1 Main St");
    shop.answersChanges(order, customer);

    signInAsAdmin();
    ordersOf(customer, 1);
    browser.showing("#orders tr[data-order-id='" + order + "'] .status", "pending");
    browser.screenshot("console-orders");
    browser.click("#orders tr[data-order-id='" + order + "'] button.link");
    browser.submit("#change-status", "status", "confirmed");

    browser.showing("#detail-status", "confirmed");
    browser.showing("#message", "Order #" + order + " is now confirmed.");
    browser.containing("#history", "confirmed");
    browser.screenshot("console-order-detail");

    browser.click("nav button[data-view=stock]");
    browser.showing("#stock tr[data-product-id='" + LAMP + "'] .available", "40");
    browser.showing("#stock tr[data-product-id='" + LAMP + "'] .level", "medium");
    shop.stock(LAMP, "Desk lamp", 40, 37);
    browser.click("#stock-refresh");
    browser.showing("#stock tr[data-product-id='" + LAMP + "'] .available", "3");
    browser.showing("#stock tr[data-product-id='" + LAMP + "'] .level", "critical");
    browser.screenshot("console-stock");
  }

  @Test
  void anIllegalStatusChangeShowsTheRefusalAsText() {
    Customer customer = shop.customer();
    long order = shop.pendingOrder(customer, LAMP, "2 Main St");
    shop.answersChanges(order, customer);

    signInAsAdmin();
    ordersOf(customer, 1);
    browser.click("#orders tr[data-order-id='" + order + "'] button.link");
    browser.submit("#change-status", "status", "delivered");

    browser.showing("#message", "Cannot change status from pending to delivered");
    assertThat(browser.visible("#message").getAttribute("class")).isEqualTo("error");
    browser.showing("#detail-status", "pending");
  }

  @Test
  void aBulkChangeReportsEachOrder() {
    Customer customer = shop.customer();
    long applied = shop.pendingOrder(customer, LAMP, "3 Main St");
    long unanswered = shop.pendingOrder(customer, LAMP, "4 Main St");
    shop.answersChanges(applied, customer);

    signInAsAdmin();
    ordersOf(customer, 2);
    browser.click("#orders input[value='" + applied + "']");
    browser.click("#orders input[value='" + unanswered + "']");
    browser.submit("#bulk", "status", "confirmed");

    browser.showing("#message", "1 changed, 1 not changed.");
    browser.containing("#bulk-results", "#" + applied + ": 200 Status updated");
    browser.containing(
        "#bulk-results", "#" + unanswered + ": 202 Change accepted; it is not applied yet");
  }

  @Test
  void aCustomerCannotUseTheConsole() {
    Customer customer = shop.customer();

    browser.open(console.toString());
    browser.submit("#sign-in", "email", customer.email(), "password", Shop.PASSWORD);

    browser.showing("#message", "Admins only: this account cannot use the console.");
    assertThat(browser.all("#console").get(0).isDisplayed()).isFalse();
    assertThat(browser.all("#orders")).isEmpty();
    browser.screenshot("console-customer-refused");
  }

  @Test
  void markupInAnAddressRendersAsText() {
    Customer customer = shop.customer();
    String script = "<script>alert(1)</script>";
    long order = shop.pendingOrder(customer, LAMP, script);

    signInAsAdmin();
    ordersOf(customer, 1);
    browser.click("#orders tr[data-order-id='" + order + "'] button.link");

    browser.containing("#detail-address", script);
    assertThat(browser.all("#detail script")).isEmpty();
    assertThat(browser.alertShown()).isFalse();
    browser.screenshot("console-markup-as-text");
  }

  @Test
  void theDemoCustomerPlacesAnOrderOnTheCheckoutPage() {
    Customer customer = shop.customer();
    shop.stock(DESK, "Standing desk", 20, 0);

    browser.open(checkout.toString());
    browser.submit("#sign-in", "email", customer.email(), "password", Shop.PASSWORD);
    browser.submit("#order", "product-" + DESK, "3");

    browser.containing("#tracking-title", "Order #");
    browser.showing("#order-status", "pending");
    browser.containing("#timeline", "pending · ");
    browser.screenshot("checkout-placed");
  }

  /**
   * The stream reader alone, on a stream whose chunks split events, lines and words, with CRLF line
   * ends and a keep-alive comment: each event once, whole, and the last id.
   */
  @Test
  void theStreamReaderParsesEventsWhereverTheChunksSplitThem() {
    browser.open(console.toString());

    Object read =
        browser.script(
            String.join(
                "\n",
                "const done = arguments[arguments.length - 1];",
                "const chunks = ['id: 1\\nevent: status\\ndata: {\"order_id\": 7,',",
                "  ' \"status\": \"pending\"}\\n\\n: keep-', 'alive\\n\\nid: 2\\r\\ndata: {\"order_id\": 7}',",
                "  '\\r\\nevent: del', 'eted\\r\\n\\r', '\\n'];",
                "window.fetch = async () => new Response(new ReadableStream({ start(c) {",
                "  chunks.forEach((x) => c.enqueue(new TextEncoder().encode(x))); c.close(); } }));",
                "import('/console/api.js')",
                "  .then(async (api) => { const seen = [];",
                "    const last = await api.follow('/stream', (e) => seen.push(e));",
                "    done(JSON.stringify({ seen, last })); })",
                "  .catch((e) => done(String(e)));"));

    assertThat(read)
        .isEqualTo(
            "{\"seen\":[{\"type\":\"status\",\"id\":\"1\",\"data\":{\"order_id\":7,"
                + "\"status\":\"pending\"}},{\"type\":\"deleted\",\"id\":\"2\","
                + "\"data\":{\"order_id\":7}}],\"last\":\"2\"}");
  }

  /** Filters the order list to the customer's and waits until it shows that many. */
  @Test
  void adminSeesANewOrderAppearLive() {
    signInAsAdmin();
    browser.showing("#feed-state", "live");

    long order = shop.pendingOrder(shop.customer(), LIVE_LAMP, "1 Main St");

    browser.containing("#feed li[data-order-id='" + order + "']", "pending");
    browser.screenshot("console-live-feed");
  }

  @Test
  void adminReplaysADeadLetterOnceOnly() {
    long order = 935_000_000L + System.nanoTime() % 1_000_000;
    shop.deadLetteredStatusChange(order);

    signInAsAdmin();
    String row = "#dead-letters tr[data-key='" + order + "']";
    browser.click("nav button[data-view=dead-letters]");
    browser.click(row + " button.replay");
    browser.containing("#message", "replayed");
    browser.screenshot("console-dead-letter-replayed");

    browser.click(row + " button.replay");
    browser.matching("#message.error", ".+");
  }

  @Test
  void checkoutFollowsItsOrderLive() {
    shop.stock(LIVE_LAMP, "Reading lamp", 40, 0);
    Customer customer = shop.customer();
    browser.open(checkout.toString());
    browser.submit("#sign-in", "email", customer.email(), "password", Shop.PASSWORD);
    browser.submit("#order", "product-" + LIVE_LAMP, "1");
    browser.showing("#order-status", "pending");
    long order =
        Long.parseLong(browser.visible("#tracking-title").getText().replace("Order #", ""));

    shop.answersChanges(order, customer);
    shop.changeStatusAsAdmin(order, "confirmed");

    browser.showing("#order-status", "confirmed");
    browser.containing("#timeline", "confirmed");
    browser.screenshot("checkout-followed-live");
  }

  private void ordersOf(Customer customer, int count) {
    browser.submit("#filters", "user_id", String.valueOf(customer.id()));
    browser.showing(
        "#orders-count", count + " shown of " + count + " matching user_id=" + customer.id());
  }

  private void signInAsAdmin() {
    browser.open(console.toString());
    browser.submit("#sign-in", "email", Shop.ADMIN_EMAIL, "password", Shop.ADMIN_PASSWORD);
    browser.visible("#orders");
  }
}
