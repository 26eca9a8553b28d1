package io.orderflow.api.service;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.api.domain.DeadLetterConflictException;
import io.orderflow.api.domain.DeadLetterState;
import io.orderflow.api.domain.DeadLetterView;
import io.orderflow.api.domain.DependencyUnavailableException;
import io.orderflow.api.messaging.DeadLetterReplay;
import io.orderflow.api.persistence.DeadLetterRepository;
import io.orderflow.api.persistence.Projected;
import io.orderflow.model.Topics;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What admins do with dead letters: list them, replay one once, discard one (ADR 031). Resolving
 * claims the pending letter and does its work in one transaction: when the work fails, the letter
 * stays pending and nothing was done; two admins (or instances) resolving the same letter wait on
 * its row, and the second finds it resolved.
 */
@ApplicationScoped
@Startup // the gauge and the counters exist before the first dead letter
public class DeadLetterService {
  private static final Logger LOG = Logger.getLogger(DeadLetterService.class);

  private final AgroalDataSource dataSource;
  private final DeadLetterRepository letters;
  private final DeadLetterReplay replay;
  private final Counter replayed;
  private final Counter discarded;

  DeadLetterService(
      AgroalDataSource dataSource,
      DeadLetterRepository letters,
      DeadLetterReplay replay,
      MeterRegistry meters) {
    this.dataSource = dataSource;
    this.letters = letters;
    this.replay = replay;
    Gauge.builder("orderflow.dead.letters.pending", letters, DeadLetterService::pending)
        .description("Dead letters no admin has replayed or discarded yet, of every instance")
        .strongReference(true)
        .register(meters);
    this.replayed = meters.counter("orderflow.dead.letters.resolved", "action", "replayed");
    this.discarded = meters.counter("orderflow.dead.letters.resolved", "action", "discarded");
  }

  /** Newest first; {@code originalTopic} must be a pipeline topic. */
  public List<DeadLetterView> list(
      Optional<String> originalTopic, Optional<DeadLetterState> state, int skip, int limit) {
    originalTopic
        .filter(topic -> !Topics.PIPELINE.contains(topic))
        .ifPresent(
            topic -> {
              throw new InvalidRequestException(
                  "topic", "Unknown topic: " + topic + "; one of " + Topics.PIPELINE);
            });
    return letters.list(originalTopic, state, skip, limit);
  }

  /** Gives the letter's record once more to the consumer that failed on it. */
  public DeadLetterView replay(long id, String actor) {
    DeadLetterView letter = resolve(id, DeadLetterState.REPLAYED, actor, replay::replay);
    replayed.increment();
    return letter;
  }

  /** Sets the letter aside for good; who and when are kept with it. */
  public DeadLetterView discard(long id, String actor) {
    DeadLetterView letter =
        resolve(id, DeadLetterState.DISCARDED, actor, (c, resolved) -> Projected.count(0));
    discarded.increment();
    return letter;
  }

  /** The work that resolving a letter does inside the transaction that marks it. */
  @FunctionalInterface
  private interface Work {
    Projected apply(Connection c, DeadLetterRepository.Resolved resolved);
  }

  private DeadLetterView resolve(long id, DeadLetterState state, String actor, Work work) {
    Projected projected;
    DeadLetterView letter;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        DeadLetterRepository.Resolved resolved =
            letters.resolve(c, id, state, actor).orElseThrow(() -> unresolvable(c, id));
        projected = work.apply(c, resolved);
        c.commit();
        letter = resolved.letter();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new DependencyUnavailableException("database", e);
    }
    replay.committed(projected);
    LOG.infof(
        "dead letter %d (%s-%s@%s, key %s) %s by %s at %s",
        letter.id(),
        letter.originalTopic(),
        letter.originalPartition(),
        letter.originalOffset(),
        letter.key(),
        state.wireName(),
        actor,
        letter.resolvedAt());
    return letter;
  }

  /** Why no pending letter {@code id} was found: there is none, or it is resolved. */
  private RuntimeException unresolvable(Connection c, long id) {
    try {
      return letters
          .stateOf(c, id)
          .<RuntimeException>map(
              state ->
                  new DeadLetterConflictException(
                      "Dead letter " + id + " is " + state.wireName() + ", not pending"))
          .orElseGet(() -> new DeadLetterNotFoundException(id));
    } catch (SQLException e) {
      return new DependencyUnavailableException("database", e);
    }
  }

  private static double pending(DeadLetterRepository letters) {
    try {
      return letters.countPending();
    } catch (SQLException e) {
      return Double.NaN;
    }
  }
}
