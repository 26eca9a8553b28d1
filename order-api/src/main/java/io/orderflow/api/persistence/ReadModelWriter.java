package io.orderflow.api.persistence;

import io.agroal.api.AgroalDataSource;
import io.orderflow.api.domain.DependencyUnavailableException;
import io.orderflow.api.domain.OrderView;
import io.orderflow.api.domain.OrderView.StatusChange;
import io.orderflow.api.persistence.OrderSnapshotWriter.VersionedChange;
import io.orderflow.model.OrderChangeRefused;
import io.orderflow.model.OrderDeleted;
import io.orderflow.model.OrderEvent;
import io.orderflow.model.OrderPlaced;
import io.orderflow.model.OrderRejected;
import io.orderflow.model.OrderReserved;
import io.orderflow.model.OrderStatus;
import io.orderflow.model.OrderStatusChanged;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes the order read model. Every write names the order's version; a row only ever moves to a
 * newer version, so replayed or reordered events change nothing.
 */
@ApplicationScoped
public class ReadModelWriter {
  private final AgroalDataSource dataSource;
  private final OrderSnapshotWriter snapshots;

  ReadModelWriter(AgroalDataSource dataSource, OrderSnapshotWriter snapshots) {
    this.dataSource = dataSource;
    this.snapshots = snapshots;
  }

  /** An accepted order, {@code received} at version 0, unless its decision got here first. */
  public void insertReceived(OrderPlaced order) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      snapshots.write(c, List.of(OrderView.received(order)));
      c.commit();
    } catch (SQLException e) {
      throw new DependencyUnavailableException("database", e);
    }
  }

  /**
   * Applies a batch of events inside the caller's transaction and announces every changed order
   * when that transaction commits. Decisions, the bulk of the traffic, are written set-based and
   * first: any later event of the same order in this batch (a status change) follows its decision.
   *
   * @return how many events changed the read model (older versions change nothing) and the orders
   *     it decided, unless a later event of the batch changed them again
   */
  public Projected applyAll(Connection c, List<OrderEvent> events) throws SQLException {
    Map<Long, OrderView> decisions = new LinkedHashMap<>();
    List<OrderEvent> changes = new ArrayList<>();
    for (OrderEvent event : events) {
      if (event instanceof OrderReserved || event instanceof OrderRejected) {
        decisions.putIfAbsent(event.orderId(), DecidedOrders.viewOf(event));
      } else {
        changes.add(event);
      }
    }
    Announcements announcements = new Announcements();
    Map<String, OrderView> decided = new LinkedHashMap<>();
    snapshots
        .write(c, decisions.values())
        .forEach((id, view) -> decided.put(ReadModelChannel.orderKey(id), view));
    decided.keySet().forEach(announcements::add);
    int applied = decided.size();
    for (OrderEvent change : changes) {
      if (applyChange(c, change)) {
        String key = ReadModelChannel.orderKey(change.orderId());
        announcements.add(key);
        decided.remove(key);
        applied++;
      }
    }
    announcements.send(c);
    return new Projected(applied, decided);
  }

  private static boolean applyChange(Connection c, OrderEvent event) throws SQLException {
    if (event instanceof OrderStatusChanged changed) {
      boolean applied = applyStatus(c, changed, changed.status(), false, changed.by());
      recordOutcome(c, changed.commandId(), changed.orderId(), true, null, null, changed.at());
      return applied;
    }
    if (event instanceof OrderDeleted deleted) {
      boolean applied = applyStatus(c, deleted, OrderStatus.CANCELLED, true, deleted.by());
      recordOutcome(c, deleted.commandId(), deleted.orderId(), true, null, null, deleted.at());
      return applied;
    }
    OrderChangeRefused refused = (OrderChangeRefused) event;
    return recordOutcome(
        c,
        refused.commandId(),
        refused.orderId(),
        false,
        refused.reason().name(),
        refused.detail(),
        refused.at());
  }

  /** A later status of an order the read model already holds; older versions change nothing. */
  private static boolean applyStatus(
      Connection c, OrderEvent event, OrderStatus status, boolean deleted, String by)
      throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE orders SET status = ?, version = ?, updated_at = now(),"
                + " deleted_at = CASE WHEN ? THEN ? ELSE deleted_at END"
                + " WHERE order_id = ? AND version < ?")) {
      update.setString(1, status.wireName());
      update.setLong(2, event.version());
      update.setBoolean(3, deleted);
      update.setTimestamp(4, Timestamp.from(event.at()));
      update.setLong(5, event.orderId());
      update.setLong(6, event.version());
      if (update.executeUpdate() == 0) {
        return false;
      }
    }
    OrderSnapshotWriter.insertHistory(
        c,
        List.of(
            new VersionedChange(
                event.orderId(), event.version(), new StatusChange(status, event.at(), by))));
    return true;
  }

  /** Whether the change command worked, for the request waiting on it; first record wins. */
  private static boolean recordOutcome(
      Connection c,
      UUID commandId,
      long orderId,
      boolean applied,
      String reason,
      String detail,
      Instant at)
      throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO command_outcomes (command_id, order_id, applied, reason, detail, at)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      insert.setObject(1, commandId);
      insert.setLong(2, orderId);
      insert.setBoolean(3, applied);
      insert.setString(4, reason);
      insert.setString(5, detail);
      insert.setTimestamp(6, Timestamp.from(at));
      return insert.executeUpdate() == 1;
    }
  }
}
