package dev.scribe.eventlog.chronicle;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The last acknowledged position, published by the writer after a group is durable under the
 * fsync policy. Readers never return anything past it. Waiters sleep on a monitor that the writer
 * only touches when someone waits, so the hot path stays one volatile write.
 */
final class AckState {
  private volatile long acknowledged;
  private volatile boolean closed;
  private final AtomicInteger waiters = new AtomicInteger();
  private final Object monitor = new Object();

  AckState(long acknowledged) {
    this.acknowledged = acknowledged;
  }

  long acknowledged() {
    return acknowledged;
  }

  void publish(long position) {
    acknowledged = position;
    wake();
  }

  void close() {
    closed = true;
    synchronized (monitor) {
      monitor.notifyAll();
    }
  }

  private void wake() {
    if (waiters.get() > 0) {
      synchronized (monitor) {
        monitor.notifyAll();
      }
    }
  }

  long await(long known, Duration timeout) throws InterruptedException {
    if (acknowledged > known || closed) return acknowledged;
    long deadline = System.nanoTime() + timeout.toNanos();
    waiters.incrementAndGet();
    try {
      synchronized (monitor) {
        while (acknowledged <= known && !closed) {
          long left = deadline - System.nanoTime();
          if (left <= 0) break;
          monitor.wait(Math.max(1, left / 1_000_000));
        }
      }
    } finally {
      waiters.decrementAndGet();
    }
    return acknowledged;
  }
}
