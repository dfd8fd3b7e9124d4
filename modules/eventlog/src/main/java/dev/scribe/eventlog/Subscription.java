package dev.scribe.eventlog;

import java.time.Duration;
import java.util.Optional;

/** A running tail of the log. Closing it stops delivery and ends its thread. */
public interface Subscription extends AutoCloseable {

  /** The position of the last event the listener has fully processed (0 before any). */
  long lastDelivered();

  /** Whether it is still delivering (not closed, not failed). */
  boolean isRunning();

  /** Why it stopped, if the listener threw or reading failed. */
  Optional<Throwable> failure();

  /**
   * Waits until the listener has processed {@code position} (or a later one), the subscription
   * stops, or the timeout passes; returns whether the position was reached.
   */
  boolean awaitDelivered(long position, Duration timeout) throws InterruptedException;

  @Override
  void close();
}
