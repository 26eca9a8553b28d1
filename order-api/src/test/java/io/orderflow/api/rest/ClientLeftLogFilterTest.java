package io.orderflow.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** Which log records the console keeps when a client leaves a live order stream. */
class ClientLeftLogFilterTest {
  private final ClientLeftLogFilter filter = new ClientLeftLogFilter();

  @Test
  void anSseWriteToAClosedConnectionIsDropped() {
    assertThat(filter.isLoggable(sseFailure(new ClosedChannelException()))).isFalse();
    assertThat(filter.isLoggable(sseFailure(new IOException("Broken pipe")))).isFalse();
    assertThat(filter.isLoggable(sseFailure(new IOException("Connection reset by peer"))))
        .isFalse();
  }

  @Test
  void anyOtherSseFailureIsKept() {
    assertThat(filter.isLoggable(sseFailure(new IllegalStateException("a bug")))).isTrue();
    assertThat(filter.isLoggable(sseFailure(new IOException("No space left on device")))).isTrue();
  }

  @Test
  void nettysWarningAboutTheSameWriteIsDroppedItsOthersKept() {
    LogRecord closed =
        record(
            ClientLeftLogFilter.NETTY_PROMISE,
            "Failed to mark a promise as failure because it has failed already: {}, unnotified"
                + " cause: {}",
            "DefaultChannelPromise@1(failure: io.netty.channel.StacklessClosedChannelException)");
    LogRecord other =
        record(ClientLeftLogFilter.NETTY_PROMISE, "An exception was thrown by a user handler", "x");

    assertThat(filter.isLoggable(closed)).isFalse();
    assertThat(filter.isLoggable(other)).isTrue();
  }

  @Test
  void recordsOfOtherLoggersAlwaysPass() {
    LogRecord app = record("io.orderflow.api.rest.ErrorMappers", "unexpected failure", null);
    app.setThrown(new ClosedChannelException());

    assertThat(filter.isLoggable(app)).isTrue();
  }

  private static LogRecord sseFailure(Throwable cause) {
    LogRecord r =
        record(
            ClientLeftLogFilter.SSE_WRITER,
            "Exception in SSE server handling, impossible to send it to client",
            null);
    r.setThrown(cause);
    return r;
  }

  private static LogRecord record(String logger, String message, Object parameter) {
    LogRecord r = new LogRecord(Level.WARNING, message);
    r.setLoggerName(logger);
    if (parameter != null) {
      r.setParameters(new Object[] {parameter});
    }
    return r;
  }
}
