package dev.scribe.eventlog;

/** Follows the log live. */
public interface TailEvents {

  /**
   * Delivers every acknowledged event at a position ≥ {@code fromPosition}, in order and exactly
   * once: first those already in the log, then new ones as they are acknowledged. Delivery runs on
   * a dedicated thread named {@code scribe-tail-<name>}.
   */
  Subscription subscribe(String name, long fromPosition, EventListener listener);
}
