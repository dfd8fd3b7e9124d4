package dev.scribe.projections;

import dev.scribe.domain.RecordedEvent;
import dev.scribe.eventlog.ReadAll;
import dev.scribe.eventlog.StoredEvent;
import dev.scribe.eventlog.Subscription;
import dev.scribe.eventlog.TailEvents;
import dev.scribe.projections.ProjectionFailure.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one projection: its own log subscription (and so its own thread), its applied and
 * checkpointed positions, its failure. Everything that touches the projection happens under {@link
 * #applyLock}, so the projection sees one caller at a time whatever the thread.
 *
 * <p>Lifecycle methods ({@link #start}, {@link #rebuild}, {@link #restart}, {@link #close}) are
 * synchronized on the worker. Stopping never interrupts an {@code apply}: {@link #halt} first
 * raises {@link #stopping} and passes through {@link #applyLock} (waiting for an apply in flight),
 * so every later delivery sees the flag and returns without touching the projection; only then is
 * the subscription closed (which may interrupt its thread — harmless by then, and important for a
 * Lucene writer, which an interrupt during I/O can break).
 */
final class ProjectionWorker {
  private static final Logger LOG = LoggerFactory.getLogger(ProjectionWorker.class);
  private static final byte[] NO_HASH = new byte[0];

  /** Thrown from the listener to end delivery once the worker stops or fails. */
  private static final class StopDelivery extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StopDelivery() {
      super("projection stopped", null, false, false);
    }
  }

  private final Projection projection;
  private final Path directory;
  private final ReadAll log;
  private final TailEvents tail;
  private final DecodedEvents decoded;
  private final Optional<Set<String>> types;
  private final int checkpointEvery;

  private final ReentrantLock applyLock = new ReentrantLock();
  private final Object progress = new Object();
  private volatile int waiters; // written under progress

  private volatile ProjectionState state = ProjectionState.STOPPED;
  private volatile long applied;
  private volatile long checkpointed;
  private volatile @Nullable ProjectionFailure failure;
  private volatile boolean stopping = true;
  private volatile @Nullable Subscription subscription; // written under this
  private byte[] appliedHash = NO_HASH; // under applyLock
  /**
   * Events applied (not skipped) since the last checkpoint; under applyLock. The busy checkpoint
   * counts these, not positions: on a busy server most events are tool-call records a projection
   * only skips, and counting them cost every projection a checkpoint (two fsyncs) per thousand
   * calls, ~65 fsyncs a second at 5,000 calls/s, competing with the log's own. Skipped positions
   * are checkpointed by {@link #tick} once the projection is idle or caught up.
   */
  private int appliedSinceCheckpoint;
  private boolean open; // under applyLock
  private long appliedAtLastTick = -1; // checkpoint thread only

  ProjectionWorker(
      Projection projection,
      Path directory,
      ReadAll log,
      TailEvents tail,
      DecodedEvents decoded,
      int checkpointEvery) {
    this.projection = projection;
    this.directory = directory;
    this.log = log;
    this.tail = tail;
    this.decoded = decoded;
    this.types = projection.eventTypes();
    this.checkpointEvery = checkpointEvery;
  }

  String name() {
    return projection.name();
  }

  // ---- lifecycle -------------------------------------------------------------------------

  /** Opens the projection, checks its checkpoint against the log and follows the log from it. */
  synchronized void start() {
    if (subscription != null) return;
    applyLock.lock();
    try {
      failure = null;
      Checkpoint cp;
      try {
        Files.createDirectories(directory);
        cp = projection.open(directory);
        open = true;
      } catch (Exception e) {
        fail(Stage.OPEN, 0, e);
        return;
      }
      try {
        cp = validate(cp);
      } catch (Exception e) {
        fail(Stage.RESET, 0, e);
        return;
      }
      applied = cp.position();
      markCheckpointed(cp.position());
      appliedHash = cp.eventHash().isEmpty() ? NO_HASH : HexFormat.of().parseHex(cp.eventHash());
    } finally {
      applyLock.unlock();
    }
    follow(applied + 1);
  }

  /** Drops the projection's state and replays the log from position 0. */
  synchronized void rebuild() {
    halt();
    applyLock.lock();
    try {
      failure = null;
      try {
        if (!open) {
          projection.open(directory);
          open = true;
        }
      } catch (Exception e) {
        fail(Stage.OPEN, 0, e);
        return;
      }
      try {
        projection.reset();
      } catch (Exception e) {
        fail(Stage.RESET, 0, e);
        return;
      }
      applied = 0;
      markCheckpointed(0);
      appliedHash = NO_HASH;
    } finally {
      applyLock.unlock();
    }
    LOG.info("Projection '{}': rebuilding from position 0", name());
    follow(1);
  }

  /** Closes and reopens the projection: it resumes from its last durable checkpoint. */
  synchronized void restart() {
    halt();
    closeProjection();
    start();
  }

  /** Stops following the log, checkpoints what was applied (unless failed) and closes. */
  synchronized void close() {
    halt();
    closeProjection();
    if (state != ProjectionState.FAILED) state = ProjectionState.STOPPED;
    signal();
  }

  /** Checkpoints now if anything was applied since the last checkpoint; false if it failed. */
  boolean checkpointNow() {
    applyLock.lock();
    try {
      if (!open || state == ProjectionState.FAILED) return false;
      return checkpointLocked();
    } finally {
      applyLock.unlock();
    }
  }

  private void follow(long from) {
    stopping = false;
    state = applied >= log.lastPosition() ? ProjectionState.LIVE : ProjectionState.CATCHING_UP;
    try {
      subscription = tail.subscribe("projection-" + name(), from, this::onEvent, this::applies);
    } catch (RuntimeException e) {
      fail(Stage.READ, applied, e);
    }
    signal();
  }

  /** Waits for an apply in flight, makes later deliveries no-ops, closes the subscription. */
  private void halt() {
    stopping = true;
    applyLock.lock();
    applyLock.unlock();
    Subscription s = subscription;
    subscription = null;
    if (s != null) s.close();
  }

  private void closeProjection() {
    applyLock.lock();
    try {
      if (!open) return;
      if (failure == null) checkpointLocked();
      try {
        projection.close();
      } catch (Exception e) {
        LOG.warn("Projection '{}': close failed", name(), e);
      }
      open = false;
    } finally {
      applyLock.unlock();
    }
  }

  /**
   * The checkpoint, or {@link Checkpoint#NONE} after resetting the projection when the checkpoint
   * describes events this log does not hold.
   */
  private Checkpoint validate(Checkpoint cp) throws Exception {
    Optional<String> problem = cp.mismatchWith(log);
    if (problem.isEmpty()) return cp;
    LOG.warn(
        "Projection '{}': {}; dropping its state and rebuilding from position 0",
        name(),
        problem.get());
    projection.reset();
    return Checkpoint.NONE;
  }

  // ---- the subscription thread -----------------------------------------------------------

  private void onEvent(StoredEvent stored) throws Exception {
    if (stopping) throw new StopDelivery();
    applyLock.lockInterruptibly();
    try {
      if (stopping || state == ProjectionState.FAILED) throw new StopDelivery();
      if (!applies(stored)) {
        try {
          projection.skip(stored.position());
        } catch (Exception e) {
          fail(Stage.APPLY, stored.position(), e);
          throw e;
        }
      } else {
        RecordedEvent event;
        try {
          event = decoded.decode(stored);
        } catch (RuntimeException e) {
          fail(Stage.DECODE, stored.position(), e);
          throw e;
        }
        try {
          projection.apply(event);
        } catch (Exception e) {
          fail(Stage.APPLY, stored.position(), e);
          throw e;
        }
        appliedSinceCheckpoint++;
      }
      applied = stored.position();
      appliedHash = stored.hash();
      if (state == ProjectionState.CATCHING_UP && applied >= log.lastPosition()) {
        state = ProjectionState.LIVE;
      }
      if (appliedSinceCheckpoint >= checkpointEvery && !checkpointLocked()) {
        throw new StopDelivery();
      }
    } finally {
      applyLock.unlock();
    }
    signal();
  }

  /**
   * Whether the projection applies {@code stored} (otherwise it only skips it). Also the
   * subscription's wake filter, so it runs on the tail's reading thread too: pure, no lock.
   */
  private boolean applies(StoredEvent stored) {
    return (types.isEmpty() || types.get().contains(stored.type()))
        && projection.applies(stored.type(), stored.stream());
  }

  /** The projection's durable state is at {@code position}; under applyLock. */
  private void markCheckpointed(long position) {
    checkpointed = position;
    appliedSinceCheckpoint = 0;
  }

  private boolean checkpointLocked() {
    long at = applied;
    if (at == checkpointed) return true;
    Checkpoint cp = new Checkpoint(at, HexFormat.of().formatHex(appliedHash));
    try {
      projection.checkpoint(cp);
      markCheckpointed(at);
      return true;
    } catch (Exception e) {
      fail(Stage.CHECKPOINT, at, e);
      return false;
    }
  }

  // ---- the runner's checkpoint thread -----------------------------------------------------

  /**
   * Detects a subscription that ended on its own, marks a projection LIVE once caught up, and
   * checkpoints a projection that applied events since its last checkpoint and is now idle (no
   * progress since the previous tick) or caught up.
   */
  void tick() {
    if (stopping || state == ProjectionState.FAILED || state == ProjectionState.STOPPED) return;
    Subscription s = subscription;
    if (s != null && !s.isRunning() && !stopping && state != ProjectionState.FAILED) {
      Throwable why =
          s.failure().orElseGet(() -> new IllegalStateException("the log subscription ended"));
      fail(Stage.READ, applied, why);
      return;
    }
    long a = applied;
    boolean idle = a == appliedAtLastTick;
    appliedAtLastTick = a;
    boolean caughtUp = a >= log.lastPosition();
    boolean wantsCheckpoint = a > checkpointed && (idle || caughtUp);
    boolean wantsLive = caughtUp && state == ProjectionState.CATCHING_UP;
    if (!wantsCheckpoint && !wantsLive) return;
    if (!applyLock.tryLock()) return; // an apply is in flight: not idle
    try {
      if (stopping || state == ProjectionState.FAILED) return;
      if (wantsLive && applied >= log.lastPosition()) state = ProjectionState.LIVE;
      if (wantsCheckpoint) checkpointLocked();
    } finally {
      applyLock.unlock();
    }
  }

  // ---- failure, status, waiting ------------------------------------------------------------

  private void fail(Stage stage, long position, Throwable t) {
    failure =
        new ProjectionFailure(stage, position, t.getClass().getName() + ": " + t.getMessage());
    state = ProjectionState.FAILED;
    LOG.error(
        "Projection '{}' failed ({} at position {}); the other projections keep running",
        name(),
        stage,
        position,
        t);
    signal();
  }

  ProjectionStatus status() {
    long last = log.lastPosition();
    long a = currentThrough(last);
    ProjectionState s = state;
    if (s == ProjectionState.CATCHING_UP && a >= last) s = ProjectionState.LIVE;
    return new ProjectionStatus(name(), s, a, checkpointed, last, failure);
  }

  /**
   * The position the projection's state is current through: {@link #applied}, or later when every
   * event after it that the tail has read is one this projection only skips (the tail holds those
   * back until something wakes the subscription: {@link Subscription#currentThrough}).
   */
  private long currentThrough(long logLast) {
    long a = applied;
    Subscription sub = subscription;
    if (sub != null && !stopping && state != ProjectionState.FAILED) {
      a = Math.max(a, Math.min(logLast, sub.currentThrough()));
    }
    return a;
  }

  /**
   * Waits until the projection's state is current through {@code position}: it has applied it, or
   * every event up to it that it has not applied is one it only skips. A read right after another
   * session's read (whose audit record no view applies) then waits for nothing, and does not wake
   * the subscription to pass over that record.
   *
   * @return false if the timeout passed first
   * @throws ProjectionFailedException if it is failed or stopped: it would never get there
   */
  boolean awaitApplied(long position, Duration timeout) throws InterruptedException {
    if (applied >= position || currentThrough(log.lastPosition()) >= position) return true;
    long deadline = System.nanoTime() + timeout.toNanos();
    Subscription asked = null;
    synchronized (progress) {
      waiters++;
      try {
        while (true) {
          if (applied >= position) return true;
          // The tail may be holding back events this projection only skips: ask for them, and
          // ask again when a restart or rebuild gave the projection a new subscription.
          Subscription sub = subscription;
          if (sub != null && sub != asked) {
            sub.expect(position);
            asked = sub;
          }
          ProjectionState s = state;
          if (s == ProjectionState.FAILED || s == ProjectionState.STOPPED) {
            throw new ProjectionFailedException(status());
          }
          long left = deadline - System.nanoTime();
          if (left <= 0) return false;
          TimeUnit.NANOSECONDS.timedWait(progress, left);
        }
      } finally {
        waiters--;
      }
    }
  }

  /**
   * Wakes waiters. The volatile {@link #waiters} check keeps the monitor off the per-event path
   * when nobody waits; a waiter increments it before re-reading {@link #applied}, so either it sees
   * the new position or this sees the waiter.
   */
  private void signal() {
    if (waiters > 0) {
      synchronized (progress) {
        progress.notifyAll();
      }
    }
  }
}
