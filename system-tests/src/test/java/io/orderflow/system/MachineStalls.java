package io.orderflow.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches the machine the fault suite runs on for moments it stood still: a probe scheduled every
 * {@value #TICK_MILLIS} ms that ran {@link #THRESHOLD} or more late, or a one-byte write and fsync
 * that took that long. On a shared two-core virtual machine every process stops now and then for
 * many seconds at once (CI saw 13 s with the harness, the services and the servers all silent); the
 * clients' time-outs during such a stall are the machine's, not the stack's, and {@link
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
  private final ScheduledExecutorService probes;
  private final FileChannel probeFile;

  private MachineStalls(ScheduledExecutorService probes, FileChannel probeFile) {
    this.probes = probes;
    this.probeFile = probeFile;
  }

  /** Starts watching, until {@link #close()}. */
  static MachineStalls watch() {
    try {
      FileChannel file =
          FileChannel.open(
              Files.createTempFile("machine-stalls", ".probe"),
              StandardOpenOption.WRITE,
              StandardOpenOption.DELETE_ON_CLOSE);
      // two threads: an fsync that hangs must not hold up the scheduling probe
      ScheduledExecutorService probes =
          Executors.newScheduledThreadPool(
              2,
              task -> {
                Thread thread = new Thread(task, "machine-stalls");
                thread.setDaemon(true);
                return thread;
              });
      MachineStalls watcher = new MachineStalls(probes, file);
      watcher.probeScheduling();
      probes.scheduleWithFixedDelay(
          watcher::probeDisk, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
      return watcher;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stalls seen elsewhere, for judging answers without watching. */
  static MachineStalls of(List<Stall> seen) {
    MachineStalls stalls = new MachineStalls(null, null);
    stalls.stalls.addAll(seen);
    return stalls;
  }

  /** The first stall that overlaps the interval, both ends {@link System#nanoTime()}. */
  Optional<Stall> during(long fromNanos, long toNanos) {
    return between(fromNanos, toNanos).stream().findFirst();
  }

  /** The stalls that overlap the interval. */
  List<Stall> between(long fromNanos, long toNanos) {
    return stalls.stream().filter(s -> s.overlaps(fromNanos, toNanos)).toList();
  }

  @Override
  public void close() {
    if (probes == null) {
      return;
    }
    probes.shutdownNow();
    try {
      probeFile.close();
    } catch (IOException e) {
      // a leftover temporary file of one byte
    }
  }

  /** Runs again one tick after it was due, and records how late that run came. */
  private void probeScheduling() {
    long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
    probes.schedule(
        () -> {
          record("scheduling", due, System.nanoTime());
          probeScheduling();
        },
        TICK_MILLIS,
        TimeUnit.MILLISECONDS);
  }

  private void probeDisk() {
    long writing = System.nanoTime();
    try {
      probeFile.write(ByteBuffer.allocate(1), 0);
      probeFile.force(false);
    } catch (IOException e) {
      System.out.println("machine-stalls: the disk probe failed: " + e);
      return;
    }
    record("disk", writing, System.nanoTime());
  }

  private void record(String what, long from, long to) {
    if (to - from >= THRESHOLD.toNanos()) {
      Stall stall = new Stall(what, from, to);
      stalls.add(stall);
      System.out.println("machine-stalls: " + stall);
    }
  }
}
