package io.orderflow.api.persistence;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.orderflow.api.domain.DependencyUnavailableException;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import jakarta.persistence.PersistenceException;
import java.sql.SQLTransientConnectionException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

class PanacheCallsTest {

  @Test
  void aDatabaseThatCannotBeReachedIsTheDependencysFailure() {
    RuntimeException noConnection =
        new JDBCConnectionException(
            "could not acquire a connection",
            new SQLTransientConnectionException("Acquisition timeout"));

    RuntimeException mapped = PanacheCalls.unavailable(noConnection);

    assertInstanceOf(DependencyUnavailableException.class, mapped);
    assertSame(noConnection, mapped.getCause());
  }

  @Test
  void aTransactionThatCannotCommitIsTheDependencysFailure() {
    assertInstanceOf(
        DependencyUnavailableException.class,
        PanacheCalls.unavailable(new QuarkusTransactionException(new PersistenceException("x"))));
  }

  @Test
  void anyOtherFailureIsABugAndStaysItself() {
    IllegalStateException bug = new IllegalStateException("no session");

    assertSame(bug, PanacheCalls.unavailable(bug));
  }
}
