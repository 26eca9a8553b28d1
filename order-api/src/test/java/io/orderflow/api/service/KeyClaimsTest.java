package io.orderflow.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.api.persistence.IdempotencyKeys;
import io.orderflow.api.persistence.IdempotencyKeys.KeyClaim;
import io.orderflow.model.OrderLine;
import io.orderflow.model.OrderPlaced;
import io.orderflow.model.ShippingAddress;
import io.orderflow.stack.InfrastructureTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Idempotency-Keys claimed in batches against the real database: each key stored exactly once. */
@QuarkusTest
@QuarkusTestResource(InfrastructureTestResource.class)
class KeyClaimsTest {
  private static final AtomicLong ORDER_IDS = new AtomicLong(970_000_000);
  private static final long USER = 8181;

  @Inject KeyClaims claims;
  @Inject IdempotencyKeys keys;
  private final ExecutorService clients = Executors.newFixedThreadPool(32);

  @AfterEach
  void stopClients() {
    clients.shutdownNow();
  }

  @Test
  void concurrentClaimsOfDifferentKeysAreAllStored() {
    List<KeyClaim> distinct = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      distinct.add(claimOf("distinct-" + ORDER_IDS.get() + "-" + i));
    }

    List<Boolean> answers = claimAtOnce(distinct);

    assertThat(answers).containsOnly(true).hasSize(64);
    for (KeyClaim claim : distinct) {
      assertThat(keys.find(USER, claim.key()))
          .hasValueSatisfying(k -> assertThat(k.command()).isEqualTo(claim.order()));
    }
  }

  @Test
  void ofConcurrentClaimsOfOneKeyExactlyOneWinsAndTheKeyStandsForItsOrder() {
    String key = "contested-" + ORDER_IDS.get();
    List<KeyClaim> contested = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      contested.add(claimOf(key));
    }

    List<Boolean> answers = claimAtOnce(contested);

    assertThat(answers).containsOnlyOnce(true);
    KeyClaim winner = contested.get(answers.indexOf(true));
    assertThat(keys.find(USER, key).orElseThrow().command()).isEqualTo(winner.order());
  }

  private List<Boolean> claimAtOnce(List<KeyClaim> batch) {
    List<CompletableFuture<Boolean>> answers =
        batch.stream()
            .map(claim -> CompletableFuture.supplyAsync(() -> claims.claim(claim), clients))
            .toList();
    return answers.stream().map(CompletableFuture::join).toList();
  }

  private static KeyClaim claimOf(String key) {
    OrderPlaced order =
        new OrderPlaced(
            ORDER_IDS.incrementAndGet(),
            USER,
            Instant.parse("2026-12-06T10:00:00Z"),
            new ShippingAddress("1 Main St", null, "Springfield", "IL", "62701", "US"),
            List.of(new OrderLine(1, 1)));
    return new KeyClaim(USER, key, "f".repeat(64), order);
  }
}
