package dev.scribe.eventlog.chronicle;

import java.util.concurrent.locks.LockSupport;

/** Stopping the log's own threads. */
final class Threads {
  private Threads() {}

  /**
   * Wakes {@code thread} (parked, waiting for work) and waits until it has ended, even if the
   * caller is interrupted meanwhile: closing must not return while the thread still touches the
   * queue's files. The caller's interrupt status is restored afterwards.
   */
  static void wakeAndJoin(Thread thread) {
    LockSupport.unpark(thread);
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
  }
}
