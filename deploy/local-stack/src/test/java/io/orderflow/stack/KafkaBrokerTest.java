package io.orderflow.stack;

import static java.nio.file.attribute.PosixFilePermission.OWNER_READ;
import static java.nio.file.attribute.PosixFilePermission.OWNER_WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerTest {

  /** kafka-storage adds the super user only when it formats: an older .local/kafka cannot. */
  @Test
  void storageFormattedBeforeTheBrokerHadUsersIsRefusedWithWhatToDo(@TempDir Path dir)
      throws Exception {
    Path kafka = dir.resolve("kafka");
    Files.createDirectories(kafka.resolve("storage"));
    Files.writeString(kafka.resolve("storage/meta.properties"), "node.id=1\n");
    Infrastructure.Ports ports = Infrastructure.Ports.free();
    KafkaBroker broker =
        new KafkaBroker(kafka, ports.kafka(), ports.kafkaController(), 1, KafkaUsers.keptIn(dir));

    assertThatThrownBy(broker::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("formatted before the broker had users")
        .hasMessageContaining("Delete " + kafka.toAbsolutePath());
    assertThat(broker.isRunning()).isFalse();
  }

  @Test
  void theDurableStackKeepsEachPasswordOwnerOnlyAndFindsItAgain(@TempDir Path dir)
      throws Exception {
    KafkaUsers first = KafkaUsers.keptIn(dir);
    KafkaUsers again = KafkaUsers.keptIn(dir);

    assertThat(again.admin().password()).isEqualTo(first.admin().password());
    assertThat(again.of(ServiceUser.ORDER_API).password())
        .isEqualTo(first.of(ServiceUser.ORDER_API).password())
        .isNotEqualTo(first.of(ServiceUser.INVENTORY_WORKER).password());
    assertThat(Files.getPosixFilePermissions(dir.resolve("kafka-order-api-password")))
        .containsExactlyInAnyOrder(OWNER_READ, OWNER_WRITE);
    assertThat(first.admin().toString()).doesNotContain(first.admin().password());
  }
}
