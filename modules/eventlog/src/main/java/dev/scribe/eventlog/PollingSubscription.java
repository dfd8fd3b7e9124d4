package dev.scribe.eventlog;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A {@link Subscription} over any {@link ReadAll}: reads pages forward and, when caught up, waits
 * on {@link ReadAll#awaitPosition} for the next acknowledged event. One named platform thread per
 * subscription, so a slow listener never holds up another.
 */
public final class PollingSubscription implements Subscription {
  private static final int PAGE = 1024;
  private static final Duration IDLE_WAIT = Duration.ofMillis(200);

  private final ReadAll log;
  private final EventListener listener;
  private final Thread thread;
  private final Object progress = new Object();
  private volatile long lastDelivered;
  private volatile boolean running = true;
  private volatile Throwable failure;

  private PollingSubscription(
      ReadAll log, String name, long fromPosition, EventListener listener) {
    this.log = log;
    this.listener = listener;
    this.lastDelivered = Math.max(0, fromPosition - 1);
    this.thread = new Thread(this::run, "scribe-tail-" + name);
    this.thread.setDaemon(true);
  }

  /** Starts a subscription delivering every event at a position ≥ {@code fromPosition}. */
  public static Subscription start(
      ReadAll log, String name, long fromPosition, EventListener listener) {
    PollingSubscription s = new PollingSubscription(log, name, fromPosition, listener);
    s.thread.start();
    return s;
  }

  private void run() {
    try {
      while (running) {
        List<StoredEvent> page = log.readForward(lastDelivered + 1, PAGE);
        if (page.isEmpty()) {
          log.awaitPosition(lastDelivered, IDLE_WAIT);
          continue;
        }
        for (StoredEvent e : page) {
          if (!running) return;
          listener.onEvent(e);
          lastDelivered = e.position();
          synchronized (progress) {
            progress.notifyAll();
          }
        }
      }
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
  public long lastDelivered() {
    return lastDelivered;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  @Override
  public boolean awaitDelivered(long position, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (progress) {
      while (lastDelivered < position && running) {
        long left = deadline - System.nanoTime();
        if (left <= 0) return false;
        progress.wait(Math.max(1, left / 1_000_000));
      }
    }
    return lastDelivered >= position;
  }

  @Override
  public void close() {
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
