package dev.scribe.eventlog;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** Reads the whole log in position order. Thread-safe. */
public interface ReadAll {

  /** The position of the last acknowledged event, 0 when the log is empty. */
  long lastPosition();

  /**
   * Up to {@code maxEvents} acknowledged events at positions ≥ {@code fromPosition}, in order.
   * Positions below 1 read from the start. Empty when there are none (yet).
   */
  List<StoredEvent> readForward(long fromPosition, int maxEvents);

  /**
   * Waits until {@link #lastPosition()} exceeds {@code knownLastPosition} or the timeout passes,
   * and returns {@link #lastPosition()}. Returns at once when the log is closed.
   */
  long awaitPosition(long knownLastPosition, Duration timeout) throws InterruptedException;

  /**
   * Waits until {@link #lastPosition()} reaches {@code position} (the events up to it are
   * acknowledged and readable) or the timeout passes; true when it was reached. A closed log
   * returns at once from each wait, so this then ends at the timeout at the latest.
   */
  default boolean awaitReached(long position, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long seen = lastPosition();
    while (seen < position) {
      long left = deadline - System.nanoTime();
      if (left <= 0) return false;
      seen = awaitPosition(seen, Duration.ofNanos(left));
    }
    return true;
  }

  /** Every event from {@code fromPosition} up to {@link #lastPosition()} at call time, in order. */
  default long forEach(long fromPosition, Consumer<StoredEvent> consumer) {
    long end = lastPosition();
    long next = Math.max(1, fromPosition);
    while (next <= end) {
      List<StoredEvent> page = readForward(next, 4096);
      if (page.isEmpty()) break;
      for (StoredEvent e : page) {
        if (e.position() > end) return end;
        consumer.accept(e);
        next = e.position() + 1;
      }
    }
    return next - 1;
  }
}
