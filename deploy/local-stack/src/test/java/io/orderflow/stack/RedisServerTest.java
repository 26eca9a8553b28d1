package io.orderflow.stack;

import static io.orderflow.stack.TestSockets.command;
import static io.orderflow.stack.TestSockets.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisServerTest {
  private static final String PASSWORD = "redis-server-test";

  @TempDir Path dir;

  @Test
  void withAnAppendOnlyFileAKilledServerComesBackWithItsKeys() throws Exception {
    int port = Infrastructure.Ports.free().redis();
    RedisServer redis =
        RedisServer.start(
            port, PASSWORD, dir.resolve("redis.log"), Optional.of(dir.resolve("aof")));
    try {
      assertEquals("+OK", send(port, "SET", "auth:denied:token:revoked", "1"));

      redis.kill();
      redis.start();

      assertEquals("1", send(port, "GET", "auth:denied:token:revoked"));
    } finally {
      redis.stop();
    }
  }

  @Test
  void withoutOneItComesBackEmpty() throws Exception {
    int port = Infrastructure.Ports.free().redis();
    RedisServer redis =
        RedisServer.start(port, PASSWORD, dir.resolve("redis.log"), Optional.empty());
    try {
      assertEquals("+OK", send(port, "SET", "auth:denied:token:revoked", "1"));

      redis.kill();
      redis.start();

      assertEquals("$-1", send(port, "GET", "auth:denied:token:revoked"));
    } finally {
      redis.stop();
    }
  }

  private static String send(int port, String... words) throws Exception {
    try (Socket socket = connect(port);
        BufferedReader replies =
            new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
      assertEquals("+OK", command(socket, replies, "AUTH", PASSWORD));
      return command(socket, replies, words);
    }
  }
}
