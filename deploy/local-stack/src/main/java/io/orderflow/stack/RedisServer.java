package io.orderflow.stack;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The redis-server binary shipped in embedded-redis, bound to 127.0.0.1, as a cache only. */
public final class RedisServer implements AutoCloseable {
  private final redis.embedded.RedisServer server;
  private final int port;

  private RedisServer(redis.embedded.RedisServer server, int port) {
    this.server = server;
    this.port = port;
  }

  public static RedisServer start(int port) {
    try {
      redis.embedded.RedisServer server =
          redis.embedded.RedisServer.newRedisServer()
              .port(port)
              .bind("127.0.0.1")
              // Without snapshots it writes nothing next to the extracted binary.
              .setting("save \"\"")
              .build();
      server.start();
      return new RedisServer(server, port);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start Redis on port " + port, e);
    }
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public void stop() {
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot stop Redis on port " + port, e);
    }
  }

  @Override
  public void close() {
    stop();
  }
}
