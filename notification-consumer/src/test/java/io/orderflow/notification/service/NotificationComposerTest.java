package io.orderflow.notification.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.model.OrderChangeRefused;
import io.orderflow.model.OrderDeleted;
import io.orderflow.model.OrderLine;
import io.orderflow.model.OrderRejected;
import io.orderflow.model.OrderReserved;
import io.orderflow.model.OrderStatus;
import io.orderflow.model.OrderStatusChanged;
import io.orderflow.model.PricedLine;
import io.orderflow.model.ShippingAddress;
import io.orderflow.model.StockIssue;
import io.orderflow.notification.domain.Notification;
import io.orderflow.notification.domain.NotificationKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class NotificationComposerTest {
  private static final Instant PLACED = Instant.parse("2026-01-05T10:00:00Z");
  private static final ShippingAddress ADDRESS =
      new ShippingAddress("1 Main St", null, "Springfield", "IL", "62701", "US");

  @Test
  void reservedOrderIsReceivedWithItsLinesAndTotal() {
    var reserved =
        new OrderReserved(
            42,
            1,
            7,
            PLACED,
            PLACED,
            ADDRESS,
            List.of(
                new PricedLine(1, "Premium Widget", 2, money("19.99"), money("39.98")),
                new PricedLine(2, "Gadget", 3, money("5.50"), money("16.50"))),
            money("56.48"));

    assertThat(NotificationComposer.compose(reserved))
        .contains(
            new Notification(
                42,
                1,
                7,
                NotificationKind.ORDER_RECEIVED,
                "Your order #42 was received",
                """
                Thank you for your order #42. We reserved:
                  2 x Premium Widget at 19.99 = 39.98
                  3 x Gadget at 5.50 = 16.50
                Total: 56.48
                We will write again when it ships."""));
  }

  @Test
  void rejectedOrderListsEveryStockIssue() {
    var rejected =
        new OrderRejected(
            43,
            1,
            7,
            PLACED,
            PLACED,
            ADDRESS,
            List.of(new OrderLine(1, 5), new OrderLine(99, 1)),
            List.of(
                StockIssue.insufficient(1, "Premium Widget", 5, 2),
                StockIssue.productNotFound(99, 1)));

    Notification n = NotificationComposer.compose(rejected).orElseThrow();

    assertThat(n.kind()).isEqualTo(NotificationKind.ORDER_REJECTED);
    assertThat(n.subject()).isEqualTo("Your order #43 could not be placed");
    assertThat(n.body())
        .isEqualTo(
            """
            We could not place your order #43:
              Premium Widget: Insufficient stock. Available: 2, Requested: 5
              product 99: Product not found
            Nothing was reserved; you are welcome to order again.""");
  }

  @Test
  void orderRejectedAsAWholeGivesItsReason() {
    var rejected =
        new OrderRejected(
            45,
            1,
            7,
            PLACED,
            PLACED,
            ADDRESS,
            List.of(new OrderLine(1, 5)),
            List.of(),
            "The order could not be processed");

    Notification n = NotificationComposer.compose(rejected).orElseThrow();

    assertThat(n.kind()).isEqualTo(NotificationKind.ORDER_REJECTED);
    assertThat(n.body())
        .isEqualTo(
            """
            We could not place your order #45:
              The order could not be processed
            Nothing was reserved; you are welcome to order again.""");
  }

  @Test
  void statusChangeNamesTheNewStatus() {
    var shipped =
        new OrderStatusChanged(
            44,
            3,
            7,
            PLACED,
            PLACED,
            UUID.randomUUID(),
            OrderStatus.CONFIRMED,
            OrderStatus.SHIPPED,
            "user:1");

    Notification n = NotificationComposer.compose(shipped).orElseThrow();

    assertThat(n.kind()).isEqualTo(NotificationKind.ORDER_STATUS_CHANGED);
    assertThat(n.version()).isEqualTo(3);
    assertThat(n.subject()).isEqualTo("Your order #44 is now shipped");
    assertThat(n.body()).isEqualTo("Your order #44 moved from confirmed to shipped.");
  }

  @Test
  void deletionIsAnnounced() {
    var deleted = new OrderDeleted(45, 2, 7, PLACED, PLACED, UUID.randomUUID(), "user:7");

    Notification n = NotificationComposer.compose(deleted).orElseThrow();

    assertThat(n.kind()).isEqualTo(NotificationKind.ORDER_DELETED);
    assertThat(n.subject()).isEqualTo("Your order #45 was deleted");
  }

  @Test
  void refusedChangeNotifiesNobody() {
    var refused =
        new OrderChangeRefused(
            46,
            2,
            7,
            PLACED,
            PLACED,
            UUID.randomUUID(),
            OrderStatus.SHIPPED,
            OrderChangeRefused.Reason.ILLEGAL_TRANSITION,
            "Cannot change status from shipped to cancelled");

    assertThat(NotificationComposer.compose(refused)).isEmpty();
  }

  private static BigDecimal money(String amount) {
    return new BigDecimal(amount);
  }
}
