package io.orderflow.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of order-api's order intake. */
@ConfigMapping(prefix = "orderflow.api")
public interface OrderApiConfig {

  /** How long POST /orders waits for the worker's decision before answering 202. */
  @WithDefault("PT5S")
  Duration decisionWait();

  /** How long storing an Idempotency-Key or publishing a command may take before a 503. */
  @WithDefault("PT5S")
  Duration publishTimeout();

  /**
   * How long the catalog's highest price, which bounds an order's total at intake, is used before
   * it is read again (ADR 017).
   */
  @WithDefault("PT1S")
  Duration priceCeilingLifetime();

  /** Seconds a client is told to wait (Retry-After) when a dependency is unavailable. */
  @WithDefault("5")
  int retryAfterSeconds();

  /** Ids taken per round trip to the order id sequence; must equal its INCREMENT BY. */
  @WithDefault("50")
  int idBlockSize();

  /** How long an {@code Idempotency-Key} keeps standing for its order. */
  @WithDefault("PT24H")
  Duration idempotencyKeysKeptFor();

  /** How often expired idempotency keys are deleted. */
  @WithDefault("PT1H")
  Duration idempotencyKeysPurgeEvery();

  /** The inventory worker's consumer group, whose lag the stock check shows. */
  @WithDefault("inventory-worker")
  String workerGroup();

  /** The live order streams (server-sent events, ADR 030). */
  Streams streams();

  /** Limits of the live order streams (e.g. {@code ORDERFLOW_API_STREAMS_PER_USER}). */
  interface Streams {
    /** Streams one user may hold open on this instance; beyond, 429. */
    @WithDefault("5")
    int perUser();

    /** Streams this instance holds open for everyone together; beyond, 429. */
    @WithDefault("1000")
    int perInstance();

    /** Events a stream keeps for a client that reads too slowly; beyond, its stream is closed. */
    @WithDefault("256")
    int buffer();

    /** How often a comment line is sent, so proxies keep the stream and dead clients are found. */
    @WithDefault("PT15S")
    Duration heartbeat();

    /** Orders whose last sent version the admin stream remembers (the most recently changed). */
    @WithDefault("10000")
    int feedMemory();
  }
}
