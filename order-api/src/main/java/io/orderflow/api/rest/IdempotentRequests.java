package io.orderflow.api.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderflow.api.persistence.IdempotencyStore;
import io.orderflow.api.persistence.IdempotencyStore.Entry;
import io.orderflow.api.service.InvalidRequestException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} on POST: a retry gets the first answer again; the same key with another
 * body is a 422, and while the first request is still running a 409. A request that accepted
 * nothing (it failed) leaves no trace, so it can be retried with the same key.
 */
@ApplicationScoped
public class IdempotentRequests {
  public static final String HEADER = "Idempotency-Key";
  private static final int MAX_KEY_LENGTH = 255;

  private final IdempotencyStore store;
  private final ObjectMapper json;

  IdempotentRequests(IdempotencyStore store, ObjectMapper json) {
    this.store = store;
    this.json = json;
  }

  /**
   * Runs {@code handle} unless the key was used before. Call it on a worker thread: the claim is a
   * blocking Redis call, and so are keeping the answer and releasing the claim, which run wherever
   * {@code handle}'s Uni emits.
   */
  public Uni<Response> answer(
      String key, long userId, Object request, Supplier<Uni<Response>> handle) {
    if (key == null) {
      return handle.get();
    }
    requireValid(key);
    String fingerprint = fingerprint(request);
    Optional<Entry> earlier = store.claim(userId, key, fingerprint);
    if (earlier.isPresent()) {
      return Uni.createFrom().item(replay(earlier.get(), fingerprint));
    }
    return Uni.createFrom()
        .deferred(handle::get)
        .onFailure()
        .invoke(() -> store.release(userId, key))
        .invoke(
            response ->
                store.complete(
                    userId,
                    key,
                    new Entry(
                        fingerprint,
                        response.getStatus(),
                        write(response.getEntity()),
                        response.getHeaderString(HttpHeaders.LOCATION))));
  }

  private static Response replay(Entry earlier, String fingerprint) {
    if (earlier.inFlight()) {
      return Response.status(Response.Status.CONFLICT)
          .entity(ErrorResponse.of("A request with this Idempotency-Key is still in progress"))
          .build();
    }
    if (!earlier.fingerprint().equals(fingerprint)) {
      return Response.status(422)
          .entity(ErrorResponse.of("Idempotency-Key was already used with a different request"))
          .build();
    }
    Response.ResponseBuilder again =
        Response.status(earlier.status()).entity(earlier.body()).type(MediaType.APPLICATION_JSON);
    return earlier.location() == null
        ? again.build()
        : again.header(HttpHeaders.LOCATION, earlier.location()).build();
  }

  private static void requireValid(String key) {
    if (key.isBlank()
        || key.length() > MAX_KEY_LENGTH
        || key.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidRequestException(
          HEADER, HEADER + " must be 1 to " + MAX_KEY_LENGTH + " printable characters");
    }
  }

  private String fingerprint(Object request) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(request)));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot fingerprint the request", e);
    }
  }

  private String write(Object entity) {
    try {
      return json.writeValueAsString(entity);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot keep the answer", e);
    }
  }
}
