package dev.scribe.eventlog;

import java.time.Duration;
import java.util.List;

/**
 * A {@link Subscription} over any {@link ReadAll}: reads pages forward and, when caught up, waits
 * on {@link ReadAll#awaitPosition} for the next acknowledged event. One named platform thread per
 * subscription, so a slow listener never holds up another.
 */
public final class PollingSubscription extends ThreadedSubscription {
  private static final int PAGE = 1024;
  private static final Duration IDLE_WAIT = Duration.ofMillis(200);

  private final ReadAll log;

  private PollingSubscription(
      ReadAll log, String name, long fromPosition, EventListener listener) {
    super(name, fromPosition, listener);
    this.log = log;
  }

  /** Starts a subscription delivering every event at a position ≥ {@code fromPosition}. */
  public static Subscription start(
      ReadAll log, String name, long fromPosition, EventListener listener) {
    PollingSubscription s = new PollingSubscription(log, name, fromPosition, listener);
    s.startThread();
    return s;
  }

  @Override
  protected void follow() throws Exception {
    while (running()) {
      List<StoredEvent> page = log.readForward(lastDelivered() + 1, PAGE);
      if (page.isEmpty()) {
        log.awaitPosition(lastDelivered(), IDLE_WAIT);
        continue;
      }
      for (StoredEvent e : page) {
        if (!running()) return;
        deliver(e);
      }
    }
  }
}
