package io.orderflow.inventory.health;

import io.orderflow.inventory.messaging.CommandLoop;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live while the command loop runs and keeps coming back to Kafka. */
@Liveness
@ApplicationScoped
public class CommandLoopHealthCheck implements HealthCheck {
  /** Longer than any batch takes unless the database is down for good. */
  private static final Duration STUCK_AFTER = Duration.ofMinutes(5);

  private final CommandLoop loop;

  CommandLoopHealthCheck(CommandLoop loop) {
    this.loop = loop;
  }

  @Override
  public HealthCheckResponse call() {
    Instant lastPoll = loop.lastPoll();
    boolean polling = Duration.between(lastPoll, Instant.now()).compareTo(STUCK_AFTER) < 0;
    return HealthCheckResponse.named("command-loop")
        .status(loop.isRunning() && (polling || lastPoll.equals(Instant.EPOCH)))
        .withData("last_poll", lastPoll.toString())
        .build();
  }
}
