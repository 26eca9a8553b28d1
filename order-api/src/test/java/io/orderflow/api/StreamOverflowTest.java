package io.orderflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.api.service.OrderStreams;
import io.orderflow.api.service.StreamItem;
import io.orderflow.stack.InfrastructureTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A client that takes nothing holds a buffer of events, never more: once heartbeats fill it, its
 * stream ends, the overflow is counted and its slot is free again. A client that keeps up is not
 * closed.
 */
@QuarkusTest
@QuarkusTestResource(InfrastructureTestResource.class)
@TestProfile(StreamOverflowTest.SmallBuffer.class)
class StreamOverflowTest {
  private static final long ADMIN = 7700;

  public static class SmallBuffer implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "orderflow.api.streams.buffer", "4", "orderflow.api.streams.heartbeat", "PT0.02S");
    }
  }

  @Inject OrderStreams streams;
  @Inject MeterRegistry meters;

  @Test
  void aClientThatTakesNothingIsClosedOnceItsBufferIsFull() {
    double overflowedBefore = overflowed();
    AssertSubscriber<StreamItem> reading =
        streams.ofAllOrders(ADMIN, Set.of()).subscribe().withSubscriber(AssertSubscriber.create());
    reading.request(Long.MAX_VALUE);
    AssertSubscriber<StreamItem> stalled =
        streams.ofAllOrders(ADMIN, Set.of()).subscribe().withSubscriber(AssertSubscriber.create(0));

    stalled.awaitCompletion(Duration.ofSeconds(10));
    assertThat(stalled.getItems()).isEmpty();
    assertThat(overflowed()).isEqualTo(overflowedBefore + 1);
    await().atMost(Duration.ofSeconds(10)).until(() -> reading.getItems().size() > 20);
    assertThat(reading.isCancelled() || reading.hasCompleted()).isFalse();
    assertThat(openStreams()).isEqualTo(1);

    reading.cancel();
    assertThat(openStreams()).isZero();
  }

  private double overflowed() {
    return meters.counter("orderflow.streams.overflowed").count();
  }

  private double openStreams() {
    return meters.get("orderflow.streams.open").gauge().value();
  }
}
