package io.orderflow.system.bench;

import java.net.URI;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** One side of the comparison: where its orders go, what it costs, how its results are read. */
interface Contender {
  String name();

  /** The addresses the generator sends orders to, in turn. */
  List<URI> targets();

  /** The processes (as {@link BenchStack#processIds()} names them) whose cost is this side's. */
  Set<String> processes();

  /** New products with {@code stock} units each; their ids, in order. */
  List<Long> createProducts(String prefix, int count, int stock) throws Exception;

  /** Units sold and left of these products once all is decided, from its own tables. */
  StockCount stock(List<Long> products) throws SQLException, InterruptedException;

  /**
   * What its own tables show of the orders placed in [from, to), once all of them are decided:
   * orders count as decided when the database says so, not when an answer said so.
   */
  Decisions decisions(Instant from, Instant to) throws SQLException, InterruptedException;

  /** Where the time of orders placed in [from, to) went, for a pipeline; empty otherwise. */
  Optional<Stages> stages(Instant from, Instant to) throws SQLException, InterruptedException;

  /**
   * Stock of a set of products after a phase.
   *
   * @param onHand units on hand, as created unless something was shipped
   * @param sold units in pending orders
   * @param left units still available
   * @param negative products with a negative figure
   * @param unbalanced products whose reserved units differ from the units in pending orders; null
   *     where stock is taken, not reserved
   */
  record StockCount(long onHand, long sold, long left, long negative, Long unbalanced) {}

  /**
   * Orders of a window as the database shows them.
   *
   * @param decided orders with a decision (reserved or rejected)
   * @param overCap of them, rejected for a per-customer cap (ADR 019); null where there are none
   * @param rejectionsStored false where a rejection leaves no row (the reference rolls its
   *     transaction back): its 400 stock answers are decisions too
   */
  record Decisions(long decided, Long overCap, boolean rejectionsStored) {}
}
