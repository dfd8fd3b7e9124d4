package dev.scribe.eventlog;

/** Receives the events of a {@link TailEvents#subscribe subscription}, on its own thread. */
@FunctionalInterface
public interface EventListener {

  /**
   * Called once per event, in position order. Throwing stops the subscription (see {@link
   * Subscription#failure()}): a listener that can skip a bad event must catch its own errors.
   */
  void onEvent(StoredEvent event) throws Exception;
}
