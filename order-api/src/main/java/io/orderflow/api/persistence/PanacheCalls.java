package io.orderflow.api.persistence;

import io.orderflow.api.domain.DependencyUnavailableException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import jakarta.persistence.PersistenceException;
import java.util.function.Supplier;

/**
 * How the Panache repositories run their queries: in a transaction (joined when the caller has
 * one), so they work wherever they are called, startup included; a failure of the database or of
 * its transaction becomes {@link DependencyUnavailableException} (503), as in the JDBC
 * repositories.
 */
final class PanacheCalls {

  static <T> T read(Supplier<T> query) {
    try {
      return QuarkusTransaction.joiningExisting().call(query::get);
    } catch (RuntimeException e) {
      throw unavailable(e);
    }
  }

  /** The database's failures become the dependency's; anything else is a bug and stays itself. */
  static RuntimeException unavailable(RuntimeException e) {
    return e instanceof PersistenceException || e instanceof QuarkusTransactionException
        ? new DependencyUnavailableException("database", e)
        : e;
  }

  private PanacheCalls() {}
}
