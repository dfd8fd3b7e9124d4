package dev.scribe.projections;

import static java.util.Objects.requireNonNull;

import dev.scribe.eventlog.EventListener;
import dev.scribe.eventlog.EventLogClosedException;
import dev.scribe.eventlog.ReadAll;
import dev.scribe.eventlog.StoredEvent;
import dev.scribe.eventlog.Subscription;
import dev.scribe.eventlog.ThreadedSubscription;
import dev.scribe.eventlog.TailEvents;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one log for many subscribers that read it in near lockstep (the projections, the
 * event-bus publisher), reading each event from the log once instead of once per subscriber, and
 * waking a subscriber's thread only for the events it acts on.
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
 *
 * <p><b>Wake-ups.</b> A subscriber that reached the log's end sleeps; one reader thread ({@code
 * scribe-tail-reader}) waits for the log instead and reads each new page into the ring. Whoever
 * reads a page then decides, per subscriber, whether it is worth a wake-up: it is if the
 * subscriber's wake filter accepts one of its events (no filter: always), if somebody waits for a
 * position the subscriber has not delivered ({@link Subscription#expect}, {@code awaitDelivered}),
 * or if a quarter of the ring has piled up for it. Otherwise the subscriber sleeps on and
 * delivers the held-back events with its next wake-up, at the latest after 200 ms. On
 * a busy server most events are tool-call records that no projection applies; before the filter
 * each of them woke every projection's thread.
 */
public final class SharedTail implements TailEvents, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SharedTail.class);
  private static final int PAGE = 1024;
  /** The longest a subscriber sleeps with events held back (and anyone with nothing new). */
  private static final Duration IDLE_WAIT = Duration.ofMillis(200);

  private final ReadAll log;
  private final Duration idle;
  private final AtomicReferenceArray<StoredEvent> ring;
  private final int mask;
  private final ReentrantLock filling = new ReentrantLock();
  private final List<Sub> subs = new CopyOnWriteArrayList<>();
  /** The last position put in the ring (0: none yet); written under {@link #filling}. */
  private volatile long filled;
  private volatile boolean closed;
  private volatile @Nullable Thread reader; // written under this

  /**
   * @param ringSize events kept for subscribers a little behind the fastest one (a power of two,
   *     at least twice the page the log is read by)
   */
  public SharedTail(ReadAll log, int ringSize) {
    this(log, ringSize, IDLE_WAIT);
  }

  /** With another longest sleep than {@link #IDLE_WAIT} (tests). */
  SharedTail(ReadAll log, int ringSize, Duration idleWait) {
    this.log = requireNonNull(log, "log");
    this.idle = requireNonNull(idleWait, "idleWait");
    if (Integer.bitCount(ringSize) != 1 || ringSize < 2 * PAGE) {
      throw new IllegalArgumentException(
          "ringSize must be a power of two >= " + 2 * PAGE + ": " + ringSize);
    }
    this.ring = new AtomicReferenceArray<>(ringSize);
    this.mask = ringSize - 1;
  }

  @Override
  public Subscription subscribe(String name, long fromPosition, EventListener listener) {
    return start(new Sub(name, fromPosition, listener, null));
  }

  @Override
  public Subscription subscribe(
      String name, long fromPosition, EventListener listener, Predicate<StoredEvent> wakesFor) {
    return start(new Sub(name, fromPosition, listener, requireNonNull(wakesFor, "wakesFor")));
  }

  private Sub start(Sub sub) {
    startReader();
    filling.lock();
    try {
      // Under the lock, so each page is either read before (and counted as accepted here) or
      // offered to the new subscriber.
      subs.add(sub);
      sub.newestAccepted = filled;
      sub.offeredThrough = filled;
    } finally {
      filling.unlock();
    }
    sub.start();
    return sub;
  }

  private synchronized void startReader() {
    if (closed) throw new IllegalStateException("the shared tail is closed");
    if (reader != null) return;
    Thread t = new Thread(this::read, "scribe-tail-reader");
    t.setDaemon(true);
    reader = t;
    t.start();
  }

  private void wakeReader() {
    Thread t = reader;
    if (t != null) LockSupport.unpark(t);
  }

  /** Stops the reader thread (open subscriptions then read the log themselves). Idempotent. */
  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      closed = true;
      t = reader;
    }
    if (t != null && t != Thread.currentThread()) {
      t.interrupt();
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * The reader thread: waits for the log and reads each new page, unless a subscriber is awake and
   * still taking events from the ring. That one reads the next page itself when it gets to the
   * ring's end (or wakes the reader when the log has nothing new), so the reader never runs ahead
   * of subscribers catching up and overwrites the ring under them.
   */
  private void read() {
    while (!closed) {
      try {
        long f = filled;
        if (anyAwakeBehind(f)) {
          LockSupport.parkNanos(this, idle.toNanos());
          continue;
        }
        if (log.awaitPosition(f, idle) > f && !closed) fill(f + 1);
      } catch (InterruptedException e) {
        return; // closed
      } catch (EventLogClosedException e) {
        return;
      } catch (RuntimeException e) {
        if (closed) return;
        // The subscribers still read the log themselves on every wake-up: slower, not stuck.
        LOG.warn("Shared tail reader: reading the log failed; retrying", e);
        LockSupport.parkNanos(this, idle.toNanos());
      }
    }
  }

  /** Whether a subscriber that is not asleep has delivered less than {@code position}. */
  private boolean anyAwakeBehind(long position) {
    for (Sub s : subs) {
      if (!s.asleep && s.lastDelivered() < position) return true;
    }
    return false;
  }

  /** The ring's event at {@code position}, if it still holds it. */
  private StoredEvent cached(long position) {
    StoredEvent e = ring.get((int) (position & mask));
    return e != null && e.position() == position ? e : null;
  }

  /**
   * Reads the page after the ring's end into the ring, for a subscriber (or the reader) that needs
   * {@code next} (the ring's end + 1, or beyond it: then the ring restarts there), and offers it to
   * every subscriber, in page order (under the lock). False when the log holds no event at or
   * after {@code next} yet.
   */
  private boolean fill(long next) {
    filling.lock();
    try {
      long f = filled;
      if (next <= f) return true; // another subscriber read it meanwhile
      List<StoredEvent> page = log.readForward(next, PAGE);
      if (page.isEmpty()) return false;
      for (StoredEvent e : page) ring.set((int) (e.position() & mask), e);
      long last = page.get(page.size() - 1).position();
      filled = last;
      // A restart skips events no subscriber was offered: count them as accepted by everyone.
      long skippedThrough = page.get(0).position() - 1 > f ? page.get(0).position() - 1 : 0;
      for (Sub s : subs) s.offer(page, last, skippedThrough);
      return true;
    } finally {
      filling.unlock();
    }
  }

  private final class Sub extends ThreadedSubscription {
    private final @Nullable Predicate<StoredEvent> wakesFor;
    /** At the log's end and waiting to be woken (set before the wait, cleared after). */
    volatile boolean asleep;
    /**
     * The newest position offered to this subscriber whose event its filter accepts (or that it
     * was never offered); written under {@link #filling} before {@link #offeredThrough}.
     */
    volatile long newestAccepted;
    /** The last position offered to this subscriber; written under {@link #filling}. */
    volatile long offeredThrough;

    Sub(String name, long fromPosition, EventListener listener,
        @Nullable Predicate<StoredEvent> wakesFor) {
      super(name, fromPosition, listener);
      this.wakesFor = wakesFor;
    }

    void start() {
      startThread();
    }

    /**
     * Takes note of {@code page} (just read, ending at {@code last}; {@code skippedThrough} > 0
     * when the ring restarted past unread events) and wakes this subscriber if it concerns it.
     */
    void offer(List<StoredEvent> page, long last, long skippedThrough) {
      long accepted = Math.max(newestAccepted, skippedThrough);
      if (wakesFor == null) {
        accepted = last;
      } else {
        for (int i = page.size() - 1; i >= 0; i--) {
          if (page.get(i).position() <= accepted) break;
          if (wakesFor.test(page.get(i))) {
            accepted = page.get(i).position();
            break;
          }
        }
      }
      newestAccepted = accepted;
      offeredThrough = last;
      long delivered = lastDelivered();
      if (accepted > delivered
          || demand() > delivered
          || last - delivered > ring.length() / 4) {
        wake();
      }
    }

    /**
     * Delivered events, and after them every event offered so far if the filter rejects all of
     * them: the listener's state already reflects those (it would only pass over them).
     */
    @Override
    public long currentThrough() {
      long through = offeredThrough; // read before newestAccepted: see offer's write order
      long accepted = newestAccepted;
      long delivered = lastDelivered();
      return accepted <= delivered ? Math.max(delivered, through) : delivered;
    }

    @Override
    protected void follow() throws Exception {
      try {
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
              log.awaitPosition(lastDelivered(), idle);
              continue;
            }
            for (StoredEvent p : page) {
              if (!running()) return;
              deliver(p);
            }
            continue;
          }
          if (fill(next)) continue;
          // At the log's end: the reader waits for it and wakes us when a page concerns us.
          asleep = true;
          wakeReader();
          pause(idle);
          asleep = false;
        }
      } finally {
        subs.remove(this);
      }
    }
  }
}
