package io.orderflow.api.security;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Every log record of the running application while open, as text: the message with its parameters
 * and the message of every exception in its chain.
 */
final class CapturedLogs extends Handler implements AutoCloseable {
  private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

  static CapturedLogs start() {
    CapturedLogs logs = new CapturedLogs();
    Logger.getLogger("").addHandler(logs);
    return logs;
  }

  List<String> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

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
    lines.add(text.toString());
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    Logger.getLogger("").removeHandler(this);
  }
}
