package io.orderflow.model;

import java.sql.SQLException;
import java.sql.SQLTransientException;

/**
 * Tells a database that cannot be reached from a statement that fails on its own: consumers wait
 * out the first for as long as it lasts and give the second a bounded number of attempts.
 */
public final class DatabaseOutages {

  /** Connection failures (SQLSTATE class 08) and Agroal's pool time-outs, anywhere in the chain. */
  public static boolean isOutage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientException) {
        return true;
      }
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("08")) {
        return true;
      }
    }
    return false;
  }

  private DatabaseOutages() {}
}
