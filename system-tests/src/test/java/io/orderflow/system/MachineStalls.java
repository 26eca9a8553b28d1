package io.orderflow.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Watches the machine the fault suite runs on for moments it stood still: a thread that asked to
 * sleep {@value #TICK_MILLIS} ms and woke {@link #THRESHOLD} or more later, or a one-byte write and
 * fsync that took that long. On a shared two-core virtual machine every process stops now and then
 * for many seconds at once (CI saw 13 s with the harness, the services and the servers all silent);
 * the clients' time-outs during such a stall are the machine's, not the stack's, and {@link
 * AnswerOracle} says so instead of failing the row. Lost, doubled and stuck orders are never
 * excused.
 */
final class MachineStalls implements AutoCloseable {
  static final Duration THRESHOLD = Duration.ofSeconds(2);
  private static final long TICK_MILLIS = 100;

  /** One stall: what stood still, from when to when ({@link System#nanoTime()}). */
  record Stall(String what, long fromNanos, long toNanos) {
    double seconds() {
      return (toNanos - fromNanos) / 1e9;
    }

    boolean overlaps(long from, long to) {
      return fromNanos <= to && toNanos >= from;
    }

    @Override
    public String toString() {
      return String.format("%s stood still %.1f s", what, seconds());
    }
  }

  private final List<Stall> stalls = new CopyOnWriteArrayList<>();
  private final Path probe;
  private volatile boolean closed;

  private MachineStalls(Path probe) {
    this.probe = probe;
  }

  /** Starts watching, until {@link #close()}. */
  static MachineStalls watch() {
    try {
      MachineStalls watcher = new MachineStalls(Files.createTempFile("machine-stalls", ".probe"));
      watcher.startDaemon("machine-stalls-scheduling", watcher::watchScheduling);
      watcher.startDaemon("machine-stalls-disk", watcher::watchDisk);
      return watcher;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The stalls seen so far (none if the watcher was given them, see {@link #of}). */
  static MachineStalls of(List<Stall> seen) {
    MachineStalls stalls = new MachineStalls(null);
    stalls.stalls.addAll(seen);
    stalls.closed = true;
    return stalls;
  }

  /** The first stall that overlaps the interval, both ends {@link System#nanoTime()}. */
  Optional<Stall> during(long fromNanos, long toNanos) {
    return stalls.stream().filter(s -> s.overlaps(fromNanos, toNanos)).findFirst();
  }

  /** The stalls that overlap the interval. */
  List<Stall> between(long fromNanos, long toNanos) {
    return stalls.stream().filter(s -> s.overlaps(fromNanos, toNanos)).toList();
  }

  @Override
  public void close() {
    closed = true;
    if (probe != null) {
      try {
        Files.deleteIfExists(probe);
      } catch (IOException e) {
        // a leftover temporary file of one byte
      }
    }
  }

  private void startDaemon(String name, Runnable watch) {
    Thread thread = new Thread(watch, name);
    thread.setDaemon(true);
    thread.start();
  }

  private void watchScheduling() {
    while (!closed) {
      long asleep = System.nanoTime();
      try {
        Thread.sleep(TICK_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      record("scheduling", asleep + TICK_MILLIS * 1_000_000, System.nanoTime());
    }
  }

  private void watchDisk() {
    ByteBuffer oneByte = ByteBuffer.allocate(1);
    try (FileChannel file = FileChannel.open(probe, StandardOpenOption.WRITE)) {
      while (!closed) {
        long writing = System.nanoTime();
        file.write(oneByte.clear(), 0);
        file.force(false);
        record("disk", writing, System.nanoTime());
        Thread.sleep(TICK_MILLIS);
      }
    } catch (IOException e) {
      System.out.println("machine-stalls: the disk probe stopped: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void record(String what, long from, long to) {
    if (to - from >= THRESHOLD.toNanos()) {
      Stall stall = new Stall(what, from, to);
      stalls.add(stall);
      System.out.println("machine-stalls: " + stall);
    }
  }
}
