package io.orderflow.api.rest;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;

/**
 * Whether a failure only says that the client closed its connection: a write or read on a closed
 * channel, or the peer's reset. Nothing failed here and nobody is left to answer, so such failures
 * are not server errors.
 */
final class ClientLeft {
  private static final Set<String> PEER_GONE = Set.of("Broken pipe", "Connection reset by peer");

  static boolean causedBy(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ClosedChannelException
          || (t instanceof IOException && PEER_GONE.contains(t.getMessage()))) {
        return true;
      }
    }
    return false;
  }

  private ClientLeft() {}
}
