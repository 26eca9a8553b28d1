package io.orderflow.api.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.api.service.IdempotencyKey;
import io.orderflow.api.service.InvalidRequestException;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Reads the optional {@code Idempotency-Key} of a POST and fingerprints the request it came with,
 * so that a retry can be told apart from another request under the same key (ADR 017).
 */
@ApplicationScoped
public class IdempotentRequests {
  public static final String HEADER = "Idempotency-Key";
  private static final int MAX_KEY_LENGTH = 255;

  private final ObjectMapper json;

  IdempotentRequests(ObjectMapper json) {
    this.json = json;
  }

  /** Empty without a header; a 400 for a key that is empty, too long or not printable. */
  public Optional<IdempotencyKey> keyOf(String header, Object request) {
    if (header == null) {
      return Optional.empty();
    }
    if (header.isBlank()
        || header.length() > MAX_KEY_LENGTH
        || header.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidRequestException(
          HEADER, HEADER + " must be 1 to " + MAX_KEY_LENGTH + " printable characters");
    }
    return Optional.of(new IdempotencyKey(header, fingerprint(request)));
  }

  private String fingerprint(Object request) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(request)));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot fingerprint the request", e);
    }
  }
}
