package io.orderflow.inventory.messaging;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every test of the running worker needs: its topics through a {@link TopicProbe} and its rows
 * through {@link InventoryRows}, both fresh for each test.
 */
abstract class WorkerLoopTest {
  @Inject AgroalDataSource db;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  TopicProbe probe;
  InventoryRows rows;

  @BeforeEach
  void openProbe() {
    probe = new TopicProbe(bootstrap);
    rows = new InventoryRows(db);
  }

  @AfterEach
  void closeProbe() {
    probe.close();
  }
}
