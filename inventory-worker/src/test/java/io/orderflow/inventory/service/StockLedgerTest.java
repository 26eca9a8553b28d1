package io.orderflow.inventory.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.inventory.domain.ProductStock;
import io.orderflow.inventory.domain.StockMovement;
import io.orderflow.model.OrderLine;
import io.orderflow.model.PricedLine;
import io.orderflow.model.StockIssue;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class StockLedgerTest {
  private static final ProductStock WIDGET =
      new ProductStock(1, "Premium Widget", null, new BigDecimal("19.99"), 10, 8, 0);
  private static final ProductStock GADGET =
      new ProductStock(2, "Gadget", null, new BigDecimal("5.5"), 100, 0, 0);

  @Test
  void reservesEveryLineAtCatalogPrices() {
    StockLedger ledger = new StockLedger(List.of(WIDGET, GADGET));

    Decision decision = ledger.reserve(1, List.of(new OrderLine(1, 2), new OrderLine(2, 3)));

    assertThat(decision)
        .isEqualTo(
            new Decision.Reserved(
                List.of(
                    new PricedLine(
                        1, "Premium Widget", 2, new BigDecimal("19.99"), new BigDecimal("39.98")),
                    new PricedLine(
                        2, "Gadget", 3, new BigDecimal("5.50"), new BigDecimal("16.50"))),
                new BigDecimal("56.48")));
    assertThat(ledger.changedProducts())
        .extracting(ProductStock::reserved, ProductStock::available)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(10, 0), org.assertj.core.groups.Tuple.tuple(3, 97));
  }

  @Test
  void rejectsWholeOrderListingOnlyFailingLines() {
    StockLedger ledger = new StockLedger(List.of(WIDGET, GADGET));

    Decision decision =
        ledger.reserve(1, List.of(new OrderLine(2, 1), new OrderLine(1, 5), new OrderLine(99, 4)));

    assertThat(decision)
        .isEqualTo(
            Decision.Rejected.forStock(
                List.of(
                    StockIssue.insufficient(1, "Premium Widget", 5, 2),
                    StockIssue.productNotFound(99, 4))));
    assertThat(ledger.changedProducts()).isEmpty();
  }

  @Test
  void anOrderWhoseTotalCannotBeStoredIsRejectedWithAReasonAndReservesNothing() {
    ProductStock precious =
        new ProductStock(3, "Crown", null, new BigDecimal("9999999999.99"), 10_000, 0, 0);
    StockLedger ledger = new StockLedger(List.of(precious, GADGET));

    Decision decision = ledger.reserve(1, List.of(new OrderLine(2, 1), new OrderLine(3, 2)));

    assertThat(decision)
        .isEqualTo(
            Decision.Rejected.because(
                "Order total 20000000005.48 exceeds the largest amount an order may have,"
                    + " 9999999999.99"));
    assertThat(ledger.changedProducts()).isEmpty();
    assertThat(ledger.movements()).isEmpty();
  }

  @Test
  void theLargestStorableTotalIsReserved() {
    ProductStock precious =
        new ProductStock(3, "Crown", null, new BigDecimal("9999999999.99"), 10, 0, 0);
    StockLedger ledger = new StockLedger(List.of(precious));

    assertThat(ledger.reserve(1, List.of(new OrderLine(3, 1))))
        .isEqualTo(
            new Decision.Reserved(
                List.of(
                    new PricedLine(
                        3,
                        "Crown",
                        1,
                        new BigDecimal("9999999999.99"),
                        new BigDecimal("9999999999.99"))),
                new BigDecimal("9999999999.99")));
  }

  @Test
  void laterOrdersSeeEarlierReservations() {
    StockLedger ledger = new StockLedger(List.of(WIDGET));

    assertThat(ledger.reserve(1, List.of(new OrderLine(1, 2))))
        .isInstanceOf(Decision.Reserved.class);
    assertThat(ledger.reserve(1, List.of(new OrderLine(1, 1))))
        .isEqualTo(
            Decision.Rejected.forStock(
                List.of(StockIssue.insufficient(1, "Premium Widget", 1, 0))));
  }

  @Test
  void linesOfTheSameProductAreCheckedTogether() {
    StockLedger ledger = new StockLedger(List.of(WIDGET));

    Decision decision = ledger.reserve(1, List.of(new OrderLine(1, 1), new OrderLine(1, 2)));

    assertThat(decision)
        .isEqualTo(
            Decision.Rejected.forStock(
                List.of(StockIssue.insufficient(1, "Premium Widget", 3, 2))));
  }

  @Test
  void releaseAndShipMoveStockAndAreAudited() {
    StockLedger ledger = new StockLedger(List.of(WIDGET));

    ledger.ship(5, List.of(new OrderLine(1, 3)));
    ledger.release(6, List.of(new OrderLine(1, 5)), "order_cancelled");

    assertThat(ledger.changedProducts())
        .containsExactly(
            new ProductStock(1, "Premium Widget", null, new BigDecimal("19.99"), 7, 0, 0));
    assertThat(ledger.movements())
        .containsExactly(
            new StockMovement(1, 5L, -3, -3, "order_shipped"),
            new StockMovement(1, 6L, -5, 0, "order_cancelled"));
  }

  @Test
  void releasingMoreThanIsReservedIsRefused() {
    StockLedger ledger = new StockLedger(List.of(WIDGET));

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ledger.release(5, List.of(new OrderLine(1, 9)), "order_cancelled"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void restockAndCatalogUpdatesChangeTheProductAndCrossingTheThresholdIsReported() {
    ProductStock lamp = new ProductStock(3, "Lamp", null, new BigDecimal("9.00"), 12, 0, 10);
    StockLedger ledger = new StockLedger(List.of(lamp));

    ledger.reserve(8, List.of(new OrderLine(3, 2)));
    assertThat(ledger.productsToAlert()).extracting(ProductStock::id).containsExactly(3L);

    ledger.restock(3, 5, "restock");
    ledger.updateCatalog(3, new ProductUpdate("Desk lamp", null, new BigDecimal("11.00"), null));

    assertThat(ledger.changedProducts())
        .containsExactly(
            new ProductStock(3, "Desk lamp", null, new BigDecimal("11.00"), 17, 2, 10));
    assertThat(ledger.productsToAlert()).isEmpty();
    assertThat(ledger.movements()).contains(new StockMovement(3, null, 0, 5, "restock"));
  }

  @Test
  void productsAnnouncedAgainGoOutUnchangedWithTheirAlertWhenLow() {
    ProductStock lamp = new ProductStock(3, "Lamp", null, new BigDecimal("9.00"), 12, 4, 10);
    StockLedger ledger = new StockLedger(List.of(WIDGET, GADGET, lamp));

    ledger.reserve(9, List.of(new OrderLine(2, 1)));
    ledger.announceAgain(3);
    ledger.announceAgain(1);
    ledger.announceAgain(42); // not locked: nothing to announce

    assertThat(ledger.productsToAnnounce())
        .extracting(ProductStock::id)
        .containsExactly(1L, 2L, 3L);
    assertThat(ledger.productsToAlert()).extracting(ProductStock::id).containsExactly(3L);
    assertThat(ledger.changedProducts()).extracting(ProductStock::id).containsExactly(2L);
    assertThat(ledger.movements()).hasSize(1);
  }
}
