package io.orderflow.model;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Rows collected column by column and bound as one {@code text[]} parameter per column, for
 * set-based statements of the form {@code SELECT ... FROM unnest(?::text[], ...)} that cast each
 * column to its type. Values are sent in their {@code toString()} form (ISO-8601 instants, plain
 * decimals), which PostgreSQL parses exactly; null stays null. The one way every service binds
 * arrays: {@link #of} for a single typed parameter such as the ids of {@code = ANY(?)}.
 */
public final class SqlArrays {
  private final List<List<String>> columns;

  public SqlArrays(int width) {
    columns = new ArrayList<>(width);
    for (int i = 0; i < width; i++) {
      columns.add(new ArrayList<>());
    }
  }

  public void add(Object... row) {
    if (row.length != columns.size()) {
      throw new IllegalArgumentException(row.length + " values for " + columns.size() + " columns");
    }
    for (int i = 0; i < row.length; i++) {
      columns.get(i).add(row[i] == null ? null : row[i].toString());
    }
  }

  public boolean isEmpty() {
    return columns.get(0).isEmpty();
  }

  public void bind(Connection c, PreparedStatement statement) throws SQLException {
    for (int i = 0; i < columns.size(); i++) {
      statement.setArray(i + 1, c.createArrayOf("text", columns.get(i).toArray()));
    }
  }

  /**
   * One array parameter of the given PostgreSQL element type ({@code bigint}, {@code uuid} ...).
   */
  public static Array of(Connection c, String elementType, Collection<?> values)
      throws SQLException {
    return c.createArrayOf(elementType, values.toArray());
  }
}
