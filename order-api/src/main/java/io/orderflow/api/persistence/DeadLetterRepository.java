package io.orderflow.api.persistence;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.agroal.api.AgroalDataSource;
import io.orderflow.api.domain.DeadLetterState;
import io.orderflow.api.domain.DeadLetterView;
import io.orderflow.api.domain.DependencyUnavailableException;
import io.orderflow.model.SqlArrays;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The dead letters of every pipeline topic ({@code sales.dead_letters}, ADR 031). */
@ApplicationScoped
public class DeadLetterRepository {
  private static final String COLUMNS =
      "id, topic, original_topic, original_partition, original_offset, key, reason,"
          + " dead_lettered_at, state, payload, resolved_by, resolved_at";

  /** A dead letter as it arrived on its topic. */
  public record Arrived(
      String topic,
      int partition,
      long offset,
      String originalTopic,
      Integer originalPartition,
      Long originalOffset,
      String key,
      String reason,
      Instant at,
      byte[] payload) {}

  /** A dead letter just resolved, with its record's value as it was. */
  public record Resolved(DeadLetterView letter, byte[] payload) {}

  private final AgroalDataSource dataSource;

  DeadLetterRepository(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Stores the letters in one statement; one already stored (a redelivery) is left as it is. */
  public int store(Collection<Arrived> letters) throws SQLException {
    SqlArrays rows = new SqlArrays(10);
    Base64.Encoder base64 = Base64.getEncoder();
    for (Arrived a : letters) {
      rows.add(
          a.topic(),
          a.partition(),
          a.offset(),
          a.originalTopic(),
          a.originalPartition(),
          a.originalOffset(),
          a.key(),
          a.reason(),
          a.at(),
          a.payload() == null ? null : base64.encodeToString(a.payload()));
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO dead_letters (topic, dlq_partition, dlq_offset, original_topic,"
                    + " original_partition, original_offset, key, reason, dead_lettered_at,"
                    + " payload)"
                    + " SELECT t, p::integer, o::bigint, ot, op::integer, oo::bigint, k, r,"
                    + " at::timestamptz, decode(v, 'base64')"
                    + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
                    + " ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
                    + " AS l(t, p, o, ot, op, oo, k, r, at, v)"
                    + " ON CONFLICT (topic, dlq_partition, dlq_offset) DO NOTHING")) {
      rows.bind(c, insert);
      return insert.executeUpdate();
    }
  }

  /** Newest first, optionally of one original topic and in one state. */
  public List<DeadLetterView> list(
      Optional<String> originalTopic, Optional<DeadLetterState> state, int skip, int limit) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT "
                    + COLUMNS
                    + " FROM dead_letters"
                    + " WHERE (?::text IS NULL OR original_topic = ?)"
                    + " AND (?::text IS NULL OR state = ?)"
                    + " ORDER BY dead_lettered_at DESC, id DESC LIMIT ? OFFSET ?")) {
      String topic = originalTopic.orElse(null);
      String wanted = state.map(DeadLetterState::wireName).orElse(null);
      select.setString(1, topic);
      select.setString(2, topic);
      select.setString(3, wanted);
      select.setString(4, wanted);
      select.setInt(5, limit);
      select.setInt(6, skip);
      List<DeadLetterView> letters = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          letters.add(viewOf(rows));
        }
      }
      return letters;
    } catch (SQLException e) {
      throw new DependencyUnavailableException("database", e);
    }
  }

  /**
   * Moves a pending letter to {@code state} in the caller's transaction, locking its row until that
   * transaction ends; empty when there is no pending letter with that id.
   */
  public Optional<Resolved> resolve(Connection c, long id, DeadLetterState state, String actor)
      throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE dead_letters SET state = ?, resolved_by = ?, resolved_at = now()"
                + " WHERE id = ? AND state = 'pending' RETURNING "
                + COLUMNS)) {
      update.setString(1, state.wireName());
      update.setString(2, actor);
      update.setLong(3, id);
      try (ResultSet row = update.executeQuery()) {
        return row.next()
            ? Optional.of(new Resolved(viewOf(row), row.getBytes("payload")))
            : Optional.empty();
      }
    }
  }

  /** The state of the letter with that id, if there is one. */
  public Optional<DeadLetterState> stateOf(Connection c, long id) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement("SELECT state FROM dead_letters WHERE id = ?")) {
      select.setLong(1, id);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? DeadLetterState.parse(row.getString(1)) : Optional.empty();
      }
    }
  }

  /** How many letters wait for an admin (the pending gauge). */
  public long countPending() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement count =
            c.prepareStatement("SELECT count(*) FROM dead_letters WHERE state = 'pending'");
        ResultSet row = count.executeQuery()) {
      row.next();
      return row.getLong(1);
    }
  }

  private static DeadLetterView viewOf(ResultSet row) throws SQLException {
    byte[] payload = row.getBytes("payload");
    Timestamp resolvedAt = row.getTimestamp("resolved_at");
    return new DeadLetterView(
        row.getLong("id"),
        row.getString("topic"),
        row.getString("original_topic"),
        row.getObject("original_partition", Integer.class),
        row.getObject("original_offset", Long.class),
        row.getString("key"),
        row.getString("reason"),
        row.getTimestamp("dead_lettered_at").toInstant(),
        DeadLetterState.parse(row.getString("state")).orElseThrow(),
        payload == null ? null : new String(payload, UTF_8),
        row.getString("resolved_by"),
        resolvedAt == null ? null : resolvedAt.toInstant());
  }
}
