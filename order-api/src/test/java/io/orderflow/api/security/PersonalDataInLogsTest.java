package io.orderflow.api.security;

import static io.orderflow.api.security.AuthApi.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.agroal.api.AgroalDataSource;
import io.orderflow.stack.InfrastructureTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the database says about a row must not carry a customer's data into the logs. */
@QuarkusTest
@QuarkusTestResource(InfrastructureTestResource.class)
class PersonalDataInLogsTest {
  @Inject AgroalDataSource database;

  @Test
  void aDuplicateRegistrationDoesNotLogTheEmail() {
    String email = AuthApi.uniqueEmail();
    AuthApi.registered(email);

    try (CapturedLogs logs = CapturedLogs.start()) {
      AuthApi.register(Map.of("email", email, "password", PASSWORD, "full_name", "Twice"))
          .statusCode(409);

      assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains(email));
    }
  }

  @Test
  void aFailedBatchDoesNotCarryItsParameters() throws SQLException {
    String address = "42 Secret Street " + System.nanoTime();
    // in the service's own schema: its role may not create temporary tables (ADR 028)
    String table = "addresses_" + System.nanoTime();
    try (Connection connection = database.getConnection();
        Statement ddl = connection.createStatement()) {
      ddl.execute("CREATE TABLE " + table + " (line text CHECK (length(line) < 20))");
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO " + table + " (line) VALUES (?)")) {
        for (String line : List.of("1 Main St", address)) {
          insert.setString(1, line);
          insert.addBatch();
        }
        SQLException failure = assertThrows(SQLException.class, insert::executeBatch);

        List<String> messages = new ArrayList<>();
        for (Throwable e = failure; e != null; e = e.getCause()) {
          messages.add(String.valueOf(e.getMessage()));
        }
        failure.forEach(e -> messages.add(String.valueOf(e.getMessage())));
        assertThat(messages).isNotEmpty().noneMatch(message -> message.contains(address));
      } finally {
        ddl.execute("DROP TABLE " + table);
      }
    }
  }
}
