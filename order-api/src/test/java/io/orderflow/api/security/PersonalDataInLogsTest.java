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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the database says about a row must not carry a customer's data into the logs. */
@QuarkusTest
@QuarkusTestResource(InfrastructureTestResource.class)
class PersonalDataInLogsTest {
  private final List<String> logged = Collections.synchronizedList(new ArrayList<>());
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          StringBuilder text = new StringBuilder(String.valueOf(record.getMessage()));
          if (record.getParameters() != null) {
            for (Object parameter : record.getParameters()) {
              text.append(' ').append(parameter);
            }
          }
          for (Throwable e = record.getThrown(); e != null; e = e.getCause()) {
            text.append(' ').append(e);
          }
          logged.add(text.toString());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @Inject AgroalDataSource database;

  @BeforeEach
  void captureLogs() {
    Logger.getLogger("").addHandler(capture);
  }

  @AfterEach
  void stopCapturing() {
    Logger.getLogger("").removeHandler(capture);
  }

  @Test
  void aDuplicateRegistrationDoesNotLogTheEmail() {
    String email = AuthApi.uniqueEmail();
    AuthApi.registered(email);

    AuthApi.register(Map.of("email", email, "password", PASSWORD, "full_name", "Twice"))
        .statusCode(409);

    assertThat(logged).isNotEmpty().noneMatch(line -> line.contains(email));
  }

  @Test
  void aFailedBatchDoesNotCarryItsParameters() throws SQLException {
    String address = "42 Secret Street " + System.nanoTime();
    try (Connection connection = database.getConnection();
        Statement ddl = connection.createStatement()) {
      ddl.execute("CREATE TEMPORARY TABLE addresses (line text CHECK (length(line) < 20))");
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO addresses (line) VALUES (?)")) {
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
      }
    }
  }
}
