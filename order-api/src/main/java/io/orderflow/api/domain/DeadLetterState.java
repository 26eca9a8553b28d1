package io.orderflow.api.domain;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a dead letter stands: waiting for an admin, or resolved once, one way or the other. */
public enum DeadLetterState {
  PENDING,
  REPLAYED,
  DISCARDED;

  /** As the API and the database write it: {@code pending}, {@code replayed}, {@code discarded}. */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<DeadLetterState> parse(String wireName) {
    return Arrays.stream(values()).filter(s -> s.wireName().equals(wireName)).findFirst();
  }
}
