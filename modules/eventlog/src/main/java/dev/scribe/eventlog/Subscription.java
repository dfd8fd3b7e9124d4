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

  /**
   * Somebody is about to wait for {@code position}: deliver up to it without the delay a lazy
   * subscription (one {@link TailEvents#subscribe(String, long, EventListener,
   * java.util.function.Predicate) with a wake filter}) may otherwise take. A no-op for eager ones.
   */
  default void expect(long position) {}

  /**
   * The position the listener's state is current through: {@link #lastDelivered()}, or later when
   * every event after it that this subscription has read is one its wake filter rejects (a lazy
   * subscription holding back events the listener would only pass over). For reporting (lag);
   * waiting goes through {@link #awaitDelivered} or {@link #expect}.
   */
  default long currentThrough() {
    return lastDelivered();
  }

  @Override
  void close();
}
