package io.orderflow.inventory.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the inventory worker's command loop. */
@ConfigMapping(prefix = "orderflow.worker")
public interface WorkerConfig {

  /** Consumer group of the workers; instances in one group share the partitions. */
  @WithDefault("inventory-worker")
  String groupId();

  /** Most commands decided in one database transaction. */
  @WithDefault("500")
  int maxBatchSize();

  /** How long one poll waits for commands. */
  @WithDefault("PT0.2S")
  Duration pollTimeout();

  /** How long publishing a batch's events may take before the batch is retried. */
  @WithDefault("PT30S")
  Duration publishTimeout();

  /** Attempts at a failing batch (and then at each of its commands) before dead-lettering. */
  @WithDefault("3")
  int attempts();

  /** Pause between attempts, doubled each time up to 30 times this value. */
  @WithDefault("PT0.5S")
  Duration retryBackoff();

  /** How much one customer may hold in pending (not yet confirmed) orders. */
  Caps customerCaps();

  /** When unconfirmed reservations are given back. */
  Expiry reservationExpiry();

  interface Caps {
    /** Off only where one account stands for many buyers, e.g. the benchmark's load generator. */
    @WithDefault("true")
    boolean enabled();

    /** Most pending orders of one customer; the next one is rejected. */
    @WithDefault("20")
    int maxPendingOrders();

    /** Most units reserved by one customer's pending orders together. */
    @WithDefault("1000")
    int maxPendingUnits();
  }

  interface Expiry {
    /** A pending order not confirmed this long after its reservation is cancelled. */
    @WithDefault("PT24H")
    Duration after();

    /** How often the worker looks for expired reservations. */
    @WithDefault("PT1M")
    Duration interval();

    /** Most cancellations requested per look; the rest wait for the next one. */
    @WithDefault("1000")
    int maxOrdersPerRun();
  }
}
