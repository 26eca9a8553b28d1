package io.orderflow.api.service;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a task on an executor one run at a time: wake-ups while it runs lead to one more run, not to
 * one each, so a burst of announcements costs a stream one read, never a queue of them.
 */
final class Coalescing {
  private final AtomicInteger wakeUps = new AtomicInteger();
  private final Executor executor;
  private final Runnable task;

  Coalescing(Executor executor, Runnable task) {
    this.executor = executor;
    this.task = task;
  }

  void wake() {
    if (wakeUps.getAndIncrement() == 0) {
      executor.execute(this::drain);
    }
  }

  private void drain() {
    int missed = 1;
    do {
      task.run();
      missed = wakeUps.addAndGet(-missed);
    } while (missed != 0);
  }
}
