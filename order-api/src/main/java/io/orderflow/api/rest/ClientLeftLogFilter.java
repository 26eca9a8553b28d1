package io.orderflow.api.rest;

import io.quarkus.logging.LoggingFilter;
import java.util.Arrays;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Drops the lines that a client leaving a live order stream (ADR 030) makes Quarkus and Netty log:
 * the write of the next event to the closed connection comes back as "Exception in SSE server
 * handling" at ERROR with a stack trace, and Netty adds a WARN about the same write. The stream
 * ends and frees its slot either way, so neither says anything an operator can act on. Every other
 * record passes, those two loggers' other records too.
 */
@LoggingFilter(name = "client-left")
public final class ClientLeftLogFilter implements Filter {
  static final String SSE_WRITER =
      "org.jboss.resteasy.reactive.server.handlers.PublisherResponseHandler";
  static final String NETTY_PROMISE = "io.netty.channel.AbstractChannelHandlerContext";

  @Override
  public boolean isLoggable(LogRecord record) {
    if (SSE_WRITER.equals(record.getLoggerName())) {
      return !ClientLeft.causedBy(record.getThrown());
    }
    if (NETTY_PROMISE.equals(record.getLoggerName())) {
      // the write's own failure is in the text: the thrown one is Netty's bookkeeping
      String text = record.getMessage() + Arrays.toString(record.getParameters());
      return !(text.startsWith("Failed to mark a promise as failure")
          && text.contains("ClosedChannelException"));
    }
    return true;
  }
}
