package dev.scribe.eventlog;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The part every thread-per-subscription {@link Subscription} shares: its named daemon thread
 * ({@code scribe-tail-<name>}), the last delivered position, waiting for a position, failure and
 * close. A subclass supplies {@link #follow}, the loop that finds the next events and hands each to
 * {@link #deliver}.
 */
public abstract class ThreadedSubscription implements Subscription {
  private final EventListener listener;
  private final Thread thread;
  private final Object progress = new Object();
  private volatile long lastDelivered;
  private volatile int waiters; // changed under progress
  private volatile boolean running = true;
  private volatile Throwable failure;
  /** The highest position somebody waits for ({@link #expect}); 0 when nobody has. */
  private final AtomicLong demand = new AtomicLong();

  protected ThreadedSubscription(String name, long fromPosition, EventListener listener) {
    this.listener = requireNonNull(listener, "listener");
    this.lastDelivered = Math.max(0, fromPosition - 1);
    this.thread = new Thread(this::run, "scribe-tail-" + requireNonNull(name, "name"));
    this.thread.setDaemon(true);
  }

  /** Starts the subscription's thread; call once, after construction. */
  protected final void startThread() {
    thread.start();
  }

  /**
   * Runs on the subscription's thread until {@link #running()} turns false: delivers every event
   * after {@link #lastDelivered()}, in order, through {@link #deliver}. Returning ends the
   * subscription; {@link EventLogClosedException} ends it normally, any other exception fails it.
   */
  protected abstract void follow() throws Exception;

  /** Hands {@code e} to the listener and records it as delivered. */
  protected final void deliver(StoredEvent e) throws Exception {
    listener.onEvent(e);
    lastDelivered = e.position();
    // A waiter counts itself before re-reading lastDelivered: it sees the new position or this
    // sees it, so the monitor stays off the per-event path when nobody waits.
    if (waiters > 0) {
      synchronized (progress) {
        progress.notifyAll();
      }
    }
  }

  protected final boolean running() {
    return running;
  }

  /** The highest position {@link #expect}ed so far (0: none). */
  protected final long demand() {
    return demand.get();
  }

  /**
   * Wakes the subscription's thread from {@link #pause}, or makes its next pause return at once:
   * a wake-up is never lost.
   */
  protected final void wake() {
    LockSupport.unpark(thread);
  }

  /**
   * Sleeps on the subscription's thread until {@link #wake}, {@link #close} or {@code timeout};
   * may also return early for no reason, so callers re-check what they wait for.
   */
  protected final void pause(Duration timeout) {
    LockSupport.parkNanos(this, timeout.toNanos());
  }

  @Override
  public final void expect(long position) {
    demand.accumulateAndGet(position, Math::max);
    wake();
  }

  private void run() {
    try {
      follow();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (EventLogClosedException e) {
      // The log closed under us: a normal end.
    } catch (Throwable t) {
      failure = t;
    } finally {
      running = false;
      synchronized (progress) {
        progress.notifyAll();
      }
    }
  }

  @Override
  public final long lastDelivered() {
    return lastDelivered;
  }

  @Override
  public final boolean isRunning() {
    return running;
  }

  @Override
  public final Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  @Override
  public final boolean awaitDelivered(long position, Duration timeout)
      throws InterruptedException {
    if (lastDelivered >= position) return true;
    expect(position);
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (progress) {
      waiters++;
      try {
        while (lastDelivered < position && running) {
          long left = deadline - System.nanoTime();
          if (left <= 0) return false;
          progress.wait(Math.max(1, left / 1_000_000));
        }
      } finally {
        waiters--;
      }
    }
    return lastDelivered >= position;
  }

  @Override
  public final void close() {
    running = false;
    if (Thread.currentThread() != thread) {
      thread.interrupt();
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
