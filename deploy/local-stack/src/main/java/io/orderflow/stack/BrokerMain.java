package io.orderflow.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Entry point of the broker child process. The parent holds our stdin open for its whole life, so
 * end of input means the parent is gone (even after kill -9) and the broker must go too.
 */
public final class BrokerMain {
  public static void main(String[] args) throws Exception {
    Thread watchdog = new Thread(BrokerMain::exitWhenParentIsGone, "parent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    // Reflection keeps kafka_2.13 off this module's compile class path.
    Class.forName("kafka.Kafka").getMethod("main", String[].class).invoke(null, (Object) args);
  }

  private static void exitWhenParentIsGone() {
    try (InputStream in = System.in) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      // A broken stdin is the same signal as end of input.
    }
    System.exit(0);
  }

  private BrokerMain() {}
}
