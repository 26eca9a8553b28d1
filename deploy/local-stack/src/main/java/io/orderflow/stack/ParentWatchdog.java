package io.orderflow.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Entry point of every child process the stack starts (the broker, the services): runs the real
 * main class given as the first argument. The parent holds our stdin open for its whole life, so
 * end of input means the parent is gone (even after kill -9) and the child must go too.
 */
public final class ParentWatchdog {
  public static void main(String[] args) throws Exception {
    Thread watchdog = new Thread(ParentWatchdog::exitWhenParentIsGone, "parent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    // Reflection keeps the children's classes (Kafka, Quarkus) off this module's class path.
    Class.forName(args[0])
        .getMethod("main", String[].class)
        .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
  }

  /** Where this class lives, to put on a child's class path. */
  static Path classPathEntry() {
    try {
      return Path.of(
          ParentWatchdog.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("Cannot locate the classes of " + ParentWatchdog.class, e);
    }
  }

  private static void exitWhenParentIsGone() {
    try (InputStream in = System.in) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      // A broken stdin is the same signal as end of input.
    }
    System.exit(0);
  }

  private ParentWatchdog() {}
}
