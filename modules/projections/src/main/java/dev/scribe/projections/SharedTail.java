package dev.scribe.projections;

import static java.util.Objects.requireNonNull;

import dev.scribe.eventlog.EventListener;
import dev.scribe.eventlog.ReadAll;
import dev.scribe.eventlog.StoredEvent;
import dev.scribe.eventlog.Subscription;
import dev.scribe.eventlog.ThreadedSubscription;
import dev.scribe.eventlog.TailEvents;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Follows one log for many subscribers that read it in near lockstep (the projections, the
 * event-bus publisher), reading each event from the log once instead of once per subscriber.
 *
 * <p>Each subscription keeps its own thread ({@code scribe-tail-<name>}) and its own position, so a
 * slow or blocked subscriber delays nobody: the events read last sit in a ring of recent events;
 * the subscriber that first needs an event past the ring's end reads the next page from the log
 * into the ring (one at a time, under a lock) and the others take it from there. A subscriber that
 * fell behind the ring (catching up, or just slow) reads its own pages from the log until it is
 * back at the ring's end. A ring slot is used only when it holds exactly the position asked for,
 * so an overwritten slot is never mistaken for an older event. Delivery is the same as {@link
 * dev.scribe.eventlog.PollingSubscription}: every acknowledged event from the start position, in
 * order, exactly once.
 */
public final class SharedTail implements TailEvents {
  private static final int PAGE = 1024;
  private static final Duration IDLE_WAIT = Duration.ofMillis(200);

  private final ReadAll log;
  private final AtomicReferenceArray<StoredEvent> ring;
  private final int mask;
  private final ReentrantLock filling = new ReentrantLock();
  /** The last position put in the ring (0: none yet); written under {@link #filling}. */
  private volatile long filled;

  /**
   * @param ringSize events kept for subscribers a little behind the fastest one (a power of two,
   *     at least twice the page the log is read by)
   */
  public SharedTail(ReadAll log, int ringSize) {
    this.log = requireNonNull(log, "log");
    if (Integer.bitCount(ringSize) != 1 || ringSize < 2 * PAGE) {
      throw new IllegalArgumentException(
          "ringSize must be a power of two >= " + 2 * PAGE + ": " + ringSize);
    }
    this.ring = new AtomicReferenceArray<>(ringSize);
    this.mask = ringSize - 1;
  }

  @Override
  public Subscription subscribe(String name, long fromPosition, EventListener listener) {
    requireNonNull(name, "name");
    requireNonNull(listener, "listener");
    return new Sub(name, fromPosition, listener).start();
  }

  /** The ring's event at {@code position}, if it still holds it. */
  private StoredEvent cached(long position) {
    StoredEvent e = ring.get((int) (position & mask));
    return e != null && e.position() == position ? e : null;
  }

  /**
   * Reads the page after the ring's end into the ring, for a subscriber that needs {@code next}
   * (the ring's end + 1, or beyond it: then the ring restarts there). False when the log holds no
   * event at or after {@code next} yet.
   */
  private boolean fill(long next) {
    filling.lock();
    try {
      long f = filled;
      if (next <= f) return true; // another subscriber read it meanwhile
      List<StoredEvent> page = log.readForward(next, PAGE);
      if (page.isEmpty()) return false;
      for (StoredEvent e : page) ring.set((int) (e.position() & mask), e);
      filled = page.get(page.size() - 1).position();
      return true;
    } finally {
      filling.unlock();
    }
  }

  private final class Sub extends ThreadedSubscription {
    Sub(String name, long fromPosition, EventListener listener) {
      super(name, fromPosition, listener);
    }

    Sub start() {
      startThread();
      return this;
    }

    @Override
    protected void follow() throws Exception {
      while (running()) {
        long next = lastDelivered() + 1;
        StoredEvent e = cached(next);
        if (e != null) {
          deliver(e);
          continue;
        }
        long f = filled;
        if (next <= f) {
          // Behind the ring: read privately, up to the ring's end, where the shared path resumes.
          List<StoredEvent> page = log.readForward(next, (int) Math.min(PAGE, f - next + 1));
          if (page.isEmpty()) {
            log.awaitPosition(lastDelivered(), IDLE_WAIT);
            continue;
          }
          for (StoredEvent p : page) {
            if (!running()) return;
            deliver(p);
          }
          continue;
        }
        if (!fill(next)) log.awaitPosition(lastDelivered(), IDLE_WAIT);
      }
    }
  }
}
