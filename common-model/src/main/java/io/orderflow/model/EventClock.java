package io.orderflow.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The time a message is stamped with: now, at the microseconds PostgreSQL's {@code timestamptz}
 * keeps, so a message says exactly what the rows written from it say (a decision handed to a
 * waiting request equals a later read of the order).
 */
public final class EventClock {
  public static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  private EventClock() {}
}
