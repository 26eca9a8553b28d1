package io.orderflow.system.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * CPU time and memory of named processes, each with all its descendants (PostgreSQL's backends, a
 * launcher's child), read from {@code /proc}; and the whole machine's busy time, so that load from
 * outside the benchmark shows.
 *
 * <p>A process tree stops at descendants watched under a name of their own (the benchmark's JVM
 * starts the services). CPU of a tree is utime + stime + cutime + cstime of every live member: a
 * child that exited (a closed PostgreSQL connection) moved its time into its parent's
 * cutime/cstime, so each CPU second is counted once. Memory is VmRSS of a single process, and the
 * sum of Pss of a tree (which shares memory, as PostgreSQL's shared buffers), the maximum of
 * samples every second.
 */
final class ProcessStats implements AutoCloseable {
  /** The machine's busy time, under this name in {@link Cpu#seconds()}. */
  static final String MACHINE = "machine";

  private static final Path PROC = Path.of("/proc");
  private static final double TICKS_PER_SECOND = clockTicks();

  private final Supplier<Map<String, Long>> processIds;
  private final Map<String, Double> maxMemoryMb = new ConcurrentHashMap<>();
  private final ScheduledExecutorService sampler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "bench-memory-sampler");
            thread.setDaemon(true);
            return thread;
          });

  /** CPU seconds used so far by each named process tree, and by the whole machine. */
  record Cpu(long nanoTime, Map<String, Double> seconds) {
    /** Seconds used since {@code earlier}; a process that was not running then counts from 0. */
    Map<String, Double> since(Cpu earlier) {
      Map<String, Double> used = new TreeMap<>();
      seconds.forEach((name, s) -> used.put(name, s - earlier.seconds.getOrDefault(name, 0.0)));
      return used;
    }
  }

  /** One line of /proc/[pid]/stat: the parent and the four CPU counters, in ticks. */
  private record Stat(long pid, long parent, long ticks) {}

  /**
   * @param processIds the root process of each name, asked afresh at every sample since services
   *     may be restarted
   */
  ProcessStats(Supplier<Map<String, Long>> processIds) {
    this.processIds = processIds;
    sampler.scheduleAtFixedRate(this::sampleMemory, 0, 1, TimeUnit.SECONDS);
  }

  Cpu cpu() {
    Map<Long, Stat> table = processTable();
    Map<Long, List<Long>> children = childrenOf(table);
    Map<String, Long> roots = processIds.get();
    Map<String, Double> seconds = new TreeMap<>();
    roots.forEach(
        (name, root) -> {
          if (table.containsKey(root)) {
            long ticks = 0;
            for (long pid : tree(root, children, roots)) {
              Stat stat = table.get(pid);
              ticks += stat == null ? 0 : stat.ticks();
            }
            seconds.put(name, ticks / TICKS_PER_SECOND);
          }
        });
    seconds.put(MACHINE, machineBusyTicks() / TICKS_PER_SECOND);
    return new Cpu(System.nanoTime(), seconds);
  }

  /** Forgets the memory maxima seen so far. */
  void resetMemory() {
    maxMemoryMb.clear();
    sampleMemory();
  }

  /** The largest memory seen per process since {@link #resetMemory()}, in MB. */
  Map<String, Double> maxMemoryMb() {
    return new TreeMap<>(maxMemoryMb);
  }

  @Override
  public void close() {
    sampler.shutdownNow();
  }

  private void sampleMemory() {
    try {
      Map<Long, Stat> table = processTable();
      Map<Long, List<Long>> children = childrenOf(table);
      Map<String, Long> roots = processIds.get();
      roots.forEach(
          (name, root) -> {
            if (table.containsKey(root)) {
              List<Long> tree = tree(root, children, roots);
              long kb =
                  tree.size() == 1
                      ? statusKb(root, "VmRSS:")
                      : tree.stream().mapToLong(pid -> smapsKb(pid, "Pss:")).sum();
              maxMemoryMb.merge(name, kb / 1024.0, Math::max);
            }
          });
    } catch (RuntimeException e) {
      // a process that exits while it is read; the next sample sees the new state
    }
  }

  /** The root and its descendants, except those watched under a name of their own. */
  private static List<Long> tree(
      long root, Map<Long, List<Long>> children, Map<String, Long> roots) {
    List<Long> members = new ArrayList<>(List.of(root));
    for (int i = 0; i < members.size(); i++) {
      for (long child : children.getOrDefault(members.get(i), List.of())) {
        if (!roots.containsValue(child)) {
          members.add(child);
        }
      }
    }
    return members;
  }

  private static Map<Long, List<Long>> childrenOf(Map<Long, Stat> table) {
    Map<Long, List<Long>> children = new HashMap<>();
    table
        .values()
        .forEach(s -> children.computeIfAbsent(s.parent(), p -> new ArrayList<>()).add(s.pid()));
    return children;
  }

  private static Map<Long, Stat> processTable() {
    Map<Long, Stat> table = new HashMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
      for (Path entry : entries) {
        try {
          String line = Files.readString(entry.resolve("stat"));
          // "pid (comm) state ppid ..." where comm may contain spaces and parentheses
          String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
          long ticks =
              Long.parseLong(fields[11])
                  + Long.parseLong(fields[12])
                  + Long.parseLong(fields[13])
                  + Long.parseLong(fields[14]);
          long pid = Long.parseLong(entry.getFileName().toString());
          table.put(pid, new Stat(pid, Long.parseLong(fields[1]), ticks));
        } catch (IOException | RuntimeException e) {
          // exited meanwhile
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot list /proc", e);
    }
    return table;
  }

  /** user + nice + system + irq + softirq + steal of the first line of /proc/stat. */
  private static long machineBusyTicks() {
    try {
      String[] f = Files.readAllLines(PROC.resolve("stat")).get(0).trim().split("\\s+");
      return Long.parseLong(f[1])
          + Long.parseLong(f[2])
          + Long.parseLong(f[3])
          + Long.parseLong(f[6])
          + Long.parseLong(f[7])
          + Long.parseLong(f[8]);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read /proc/stat", e);
    }
  }

  private static long statusKb(long pid, String key) {
    return kbOf(PROC.resolve(pid + "/status"), key);
  }

  private static long smapsKb(long pid, String key) {
    return kbOf(PROC.resolve(pid + "/smaps_rollup"), key);
  }

  private static long kbOf(Path file, String key) {
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith(key)) {
          return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
        }
      }
      return 0;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static double clockTicks() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(getconf.getInputStream().readAllBytes()).trim();
      getconf.waitFor();
      return Double.parseDouble(out);
    } catch (IOException | RuntimeException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }
}
