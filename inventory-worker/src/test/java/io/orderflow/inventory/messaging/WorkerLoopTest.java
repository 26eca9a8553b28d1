package io.orderflow.inventory.messaging;

import io.agroal.api.AgroalDataSource;
import io.orderflow.stack.InfrastructureTestResource;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every test of the running worker needs: its topics through a {@link TopicProbe} and its rows
 * through {@link InventoryRows}, both fresh for each test.
 */
abstract class WorkerLoopTest {
  @Inject AgroalDataSource db;

  /** The test infrastructure's broker, as its super user (the test plays the other services). */
  private final Map<String, Object> kafka =
      InfrastructureTestResource.infrastructure().kafkaClientConfig();

  TopicProbe probe;
  InventoryRows rows;

  @BeforeEach
  void openProbe() {
    probe = new TopicProbe(kafka);
    rows = new InventoryRows(db);
  }

  @AfterEach
  void closeProbe() {
    probe.close();
  }
}
