package io.orderflow.stack;

import java.nio.file.Path;

/**
 * A stand-in for the launcher of {@code deploy/local/run}: holds a durable infrastructure in the
 * directory and on the ports given, prints the servers' process ids, and waits to be killed.
 */
public final class DurableStackHolder {
  static final String READY = "holding ";

  public static void main(String[] args) throws InterruptedException {
    Infrastructure infrastructure =
        Infrastructure.forLocalStack(
            Path.of(args[0]),
            new Infrastructure.Ports(
                Integer.parseInt(args[1]),
                Integer.parseInt(args[2]),
                Integer.parseInt(args[3]),
                Integer.parseInt(args[4])));
    System.out.println(READY + infrastructure.processIds());
    Thread.currentThread().join();
  }

  private DurableStackHolder() {}
}
