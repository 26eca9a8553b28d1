package io.orderflow.system.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Every request of a phase: when it was due, when it ended and how. Thread-safe; the summary is
 * computed once the phase is over.
 */
final class AnswerLog {
  private final long windowStart;
  private final long windowEnd;
  private final long timeoutNanos;
  private long[] due = new long[1 << 14];
  private long[] ended = new long[1 << 14];
  private Answer[] answers = new Answer[1 << 14];
  private int size;
  private int unanswered;

  /**
   * Requests due in [windowStart, windowEnd) (System.nanoTime) are measured; one that timed out
   * counts in the latencies as taking at least {@code timeout}.
   */
  AnswerLog(long windowStart, long windowEnd, Duration timeout) {
    this.windowStart = windowStart;
    this.windowEnd = windowEnd;
    this.timeoutNanos = timeout.toNanos();
  }

  synchronized void record(long dueNanos, long endNanos, Answer answer) {
    if (size == due.length) {
      due = Arrays.copyOf(due, size * 2);
      ended = Arrays.copyOf(ended, size * 2);
      answers = Arrays.copyOf(answers, size * 2);
    }
    due[size] = dueNanos;
    ended[size] = endNanos;
    answers[size] = answer;
    size++;
  }

  /** Requests still without an outcome when the phase stopped waiting for them. */
  synchronized void unanswered(int count) {
    unanswered = count;
  }

  /** The phase's figures. */
  synchronized Answers summary() {
    double seconds = (windowEnd - windowStart) / 1e9;
    Map<Answer, Long> counts = new EnumMap<>(Answer.class);
    long[] latencies = new long[size + unanswered];
    int timed = 0;
    for (int i = 0; i < size; i++) {
      counts.merge(answers[i], 1L, Long::sum);
      if (answers[i] == Answer.TIMEOUT) {
        latencies[timed++] = Math.max(ended[i] - due[i], timeoutNanos);
      } else if (answers[i].answered()) {
        latencies[timed++] = ended[i] - due[i];
      }
    }
    for (int i = 0; i < unanswered; i++) {
      latencies[timed++] = timeoutNanos;
    }
    long[] sorted = Arrays.copyOf(latencies, timed);
    Arrays.sort(sorted);
    Map<String, Long> columns = new LinkedHashMap<>();
    for (Answer answer : Answer.values()) {
      long count = counts.getOrDefault(answer, 0L);
      if (count > 0 || answer != Answer.OTHER) {
        columns.put(answer.column, count);
      }
    }
    if (unanswered > 0) {
      columns.merge(Answer.TIMEOUT.column, (long) unanswered, Long::sum);
    }
    return new Answers(
        seconds,
        columns,
        percentile(sorted, 50),
        percentile(sorted, 95),
        percentile(sorted, 99),
        unanswered);
  }

  /** Seconds from the window's start until the {@code n}-th answer of this kind, if it came. */
  synchronized OptionalDouble secondsUntil(Answer kind, long n) {
    long[] times = new long[size];
    int found = 0;
    for (int i = 0; i < size; i++) {
      if (answers[i] == kind) {
        times[found++] = ended[i];
      }
    }
    if (n <= 0 || found < n) {
      return OptionalDouble.empty();
    }
    long[] sorted = Arrays.copyOf(times, found);
    Arrays.sort(sorted);
    return OptionalDouble.of((sorted[(int) n - 1] - windowStart) / 1e9);
  }

  synchronized long count(Answer kind) {
    return count(kind, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /** Answers of this kind to requests due in [from, to) after the window's start. */
  synchronized long count(Answer kind, Duration from, Duration to) {
    return count(kind, windowStart + from.toNanos(), windowStart + to.toNanos());
  }

  private long count(Answer kind, long dueFrom, long dueTo) {
    long count = 0;
    for (int i = 0; i < size; i++) {
      if (answers[i] == kind && due[i] >= dueFrom && due[i] < dueTo) {
        count++;
      }
    }
    return count;
  }

  private static Double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return null;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
  }

  /**
   * @param answers per column, of every request due in the window whenever it ended
   * @param p50Ms over every answer and timeout (at the request timeout at least; not connection
   *     errors), from the due time
   * @param unanswered requests given up on when the phase stopped waiting (counted as timeouts)
   */
  record Answers(
      double seconds,
      Map<String, Long> answers,
      Double p50Ms,
      Double p95Ms,
      Double p99Ms,
      int unanswered) {}
}
