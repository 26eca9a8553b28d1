package io.orderflow.api.persistence;

import io.agroal.api.AgroalDataSource;
import io.orderflow.api.config.OrderApiConfig;
import io.orderflow.api.domain.DependencyUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Hands out order ids from blocks of the {@code order_id_seq} sequence: one database round trip per
 * block, unique across any number of instances. Ids of a block unused at shutdown are skipped.
 */
@ApplicationScoped
public class OrderIdAllocator {
  private final AgroalDataSource dataSource;
  private final int blockSize;
  private long next;
  private long blockEnd;

  OrderIdAllocator(AgroalDataSource dataSource, OrderApiConfig config) {
    this.dataSource = dataSource;
    this.blockSize = config.idBlockSize();
  }

  public synchronized long next() {
    if (next >= blockEnd) {
      next = fetchBlockStart();
      blockEnd = next + blockSize;
    }
    return next++;
  }

  private long fetchBlockStart() {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT nextval('order_id_seq')")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new DependencyUnavailableException("database", e);
    }
  }
}
