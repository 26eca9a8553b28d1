package io.orderflow.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {
  @Test
  void aKeptSecretIsMadeOnceOwnerOnlyAndFoundAgain(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("data/redis-password");

    String first = Secrets.keptIn(file);

    assertEquals(first, Secrets.keptIn(file));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertNotEquals(first, Secrets.keptIn(dir.resolve("other")));
  }
}
