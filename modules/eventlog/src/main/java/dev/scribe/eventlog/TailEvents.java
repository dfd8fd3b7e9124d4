package dev.scribe.eventlog;

import java.util.function.Predicate;

/** Follows the log live. */
public interface TailEvents {

  /**
   * Delivers every acknowledged event at a position ≥ {@code fromPosition}, in order and exactly
   * once: first those already in the log, then new ones as they are acknowledged. Delivery runs on
   * a dedicated thread named {@code scribe-tail-<name>}.
   */
  Subscription subscribe(String name, long fromPosition, EventListener listener);

  /**
   * {@link #subscribe(String, long, EventListener)} for a listener that only acts on the events
   * {@code wakesFor} accepts and merely passes over the others (a projection skipping events it
   * does not apply). Delivery is unchanged: every event, in order, exactly once. What may change is
   * when: an implementation may hold back a run of rejected events instead of waking the listener's
   * thread for each, and deliver them with the next accepted event, when somebody waits for them
   * ({@link Subscription#expect}, {@link Subscription#awaitDelivered}), or after a short bounded
   * delay. The predicate runs on another thread than the listener: it must be pure and cheap.
   * The default ignores it and delivers eagerly.
   */
  default Subscription subscribe(
      String name, long fromPosition, EventListener listener, Predicate<StoredEvent> wakesFor) {
    return subscribe(name, fromPosition, listener);
  }
}
