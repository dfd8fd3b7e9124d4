package dev.scribe.eventlog.chronicle;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Test faults: counts syncs, fails the next write or sync on demand, can hold the first sync. */
final class RecordingFaults implements StorageFaults {
  final AtomicInteger syncs = new AtomicInteger();
  final AtomicBoolean failNextWrite = new AtomicBoolean();
  final AtomicBoolean failNextSync = new AtomicBoolean();
  /** Fails the sync with this number (1 = the first), once (0: none). */
  final AtomicInteger failSyncNumber = new AtomicInteger();
  /** Fails the write of the batch starting at this position, once (0: none). */
  final java.util.concurrent.atomic.AtomicLong failWriteAt = new java.util.concurrent.atomic.AtomicLong();
  final CountDownLatch firstSyncEntered = new CountDownLatch(1);
  volatile CountDownLatch holdFirstSync = new CountDownLatch(0);

  private int writes; // guarded by this

  /**
   * Waits until {@code n} batches have been written (the hook runs inside the writer's group, so
   * a group containing them is queued for its sync before the writer looks at a sync's outcome).
   */
  synchronized boolean awaitWrites(int n, long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (writes < n) {
      long left = deadline - System.nanoTime();
      if (left <= 0) return false;
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  @Override
  public void duringWrite(long firstPosition) throws IOException {
    synchronized (this) {
      writes++;
      notifyAll();
    }
    if (failNextWrite.getAndSet(false)) throw new IOException("injected write failure");
    if (failWriteAt.compareAndSet(firstPosition, 0)) {
      throw new IOException("injected write failure at " + firstPosition);
    }
  }

  @Override
  public void beforeSync() throws IOException {
    int number = syncs.incrementAndGet();
    if (number == 1) {
      firstSyncEntered.countDown();
      try {
        holdFirstSync.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (failNextSync.getAndSet(false) || failSyncNumber.compareAndSet(number, 0)) {
      throw new IOException("injected sync failure (EIO)");
    }
  }
}
