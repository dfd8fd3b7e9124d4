package dev.scribe.eventlog.chronicle;

import dev.scribe.eventlog.AppendRequest;
import dev.scribe.eventlog.AppendResult;
import dev.scribe.eventlog.EventLogClosedException;
import dev.scribe.eventlog.EventLogException;
import dev.scribe.eventlog.EventLogStorageException;
import dev.scribe.eventlog.LogIndex;
import dev.scribe.eventlog.RecordFormat;
import dev.scribe.eventlog.StoredEvent;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer ("scribe-appender"): the only code that touches Chronicle's appender. Callers
 * enqueue; the writer takes whatever is queued as one group, seals and writes each batch as one
 * document, syncs once for the group (per the {@link FsyncPolicy}), then publishes the new
 * acknowledged position and completes the futures. It parks when idle (no spinning).
 */
final class AppendWriter {
  private static final Logger LOG = LoggerFactory.getLogger(AppendWriter.class);
  /** Upper bound of batches per group, so one sync never waits behind an unbounded backlog. */
  private static final int MAX_GROUP = 4096;

  /** One queued append. */
  private record Pending(AppendRequest request, CompletableFuture<AppendResult> future) {}

  /** A batch written in the current group, not yet acknowledged. */
  private record Written(Pending pending, AppendResult result, long documentIndex) {}

  private final ChronicleLogConfig config;
  private final SingleChronicleQueue queue;
  private final RollCycle rollCycle;
  private final Clock clock;
  private final Supplier<String> eventIds;
  private final IndexHolder index;
  private final AckState ack;
  private final DocumentReader reader;
  private final CutSet cuts;
  private final Supplier<Recovery.Result> rebuild;
  private final DiskSpaceGuard disk;
  private final MessageDigest digest = RecordFormat.sha256();
  private final ConcurrentLinkedQueue<Pending> queued = new ConcurrentLinkedQueue<>();
  private final Thread thread;
  private final CompletableFuture<Void> started = new CompletableFuture<>();

  private volatile boolean closing;
  /** Set once the thread has ended (closed or died): nothing queued later would be served. */
  private volatile boolean stopped;
  private volatile boolean parked;
  /** Set when the writer can no longer trust its state; appends then fail, reads continue. */
  private volatile String brokenReason;

  private ExcerptAppender appender;
  private int currentCycle;
  private long lastDocumentIndex;
  private long snapshotPosition;
  private long lastSyncNanos = System.nanoTime();
  private boolean unsynced;

  AppendWriter(
      ChronicleLogConfig config,
      SingleChronicleQueue queue,
      Clock clock,
      Supplier<String> eventIds,
      IndexHolder index,
      AckState ack,
      DocumentReader reader,
      CutSet cuts,
      Supplier<Recovery.Result> rebuild,
      long lastDocumentIndex,
      boolean snapshotCurrent) {
    this.config = config;
    this.queue = queue;
    this.rollCycle = queue.rollCycle();
    this.clock = clock;
    this.eventIds = eventIds;
    this.index = index;
    this.ack = ack;
    this.reader = reader;
    this.cuts = cuts;
    this.rebuild = rebuild;
    this.disk = new DiskSpaceGuard(config.directory(), config.diskReserveBytes());
    this.lastDocumentIndex = lastDocumentIndex;
    this.currentCycle = lastDocumentIndex < 0 ? Integer.MIN_VALUE : rollCycle.toCycle(lastDocumentIndex);
    long last = index.writerView().lastPosition();
    this.snapshotPosition = snapshotCurrent ? last : -1;
    this.thread = new Thread(this::run, "scribe-appender");
    this.thread.setDaemon(true);
  }

  /** Starts the thread and waits until it owns an appender. */
  void start() {
    thread.start();
    try {
      started.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  CompletableFuture<AppendResult> submit(AppendRequest request) {
    CompletableFuture<AppendResult> future = new CompletableFuture<>();
    if (closing || stopped) return CompletableFuture.failedFuture(stoppedFailure());
    Pending p = new Pending(request, future);
    queued.offer(p);
    if (closing || stopped) {
      // The writer may have drained for the last time; whoever removes the request owns it.
      if (queued.remove(p)) future.completeExceptionally(stoppedFailure());
    } else if (parked) {
      LockSupport.unpark(thread);
    }
    return future;
  }

  private RuntimeException stoppedFailure() {
    String why = brokenReason;
    return why == null || closing
        ? new EventLogClosedException()
        : new EventLogStorageException("The event log refuses appends: " + why);
  }

  /** Finishes what was queued, syncs, snapshots, and stops the thread. */
  void close() {
    closing = true;
    LockSupport.unpark(thread);
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) Thread.currentThread().interrupt();
  }

  private void run() {
    try {
      appender = queue.createAppender();
      started.complete(null);
    } catch (Throwable t) {
      started.completeExceptionally(t);
      return;
    }
    List<Pending> group = new ArrayList<>();
    try {
      while (true) {
        group.clear();
        drain(group);
        if (group.isEmpty()) {
          if (closing) break;
          idle();
          continue;
        }
        processGroup(group);
      }
      finish();
    } catch (Throwable t) {
      LOG.error("The event log writer stopped unexpectedly", t);
      brokenReason = "the writer stopped: " + t;
      EventLogStorageException e =
          new EventLogStorageException("The event log writer stopped: " + t, t);
      for (Pending p : group) p.future.completeExceptionally(e); // no-op for completed ones
      stopped = true;
      failRemaining(e);
    } finally {
      stopped = true;
      appender.singleThreadedCheckReset();
      appender.close();
    }
  }

  private void drain(List<Pending> group) {
    Pending p;
    while (group.size() < MAX_GROUP && (p = queued.poll()) != null) group.add(p);
  }

  /** Parks until work arrives, or until an interval sync is due. */
  private void idle() {
    parked = true;
    try {
      if (!queued.isEmpty() || closing) return;
      if (unsynced && config.fsync() instanceof FsyncPolicy.Interval interval) {
        long due = lastSyncNanos + interval.maxDelay().toNanos() - System.nanoTime();
        if (due <= 0) {
          syncQuietly();
        } else {
          LockSupport.parkNanos(this, due);
        }
      } else {
        LockSupport.park(this);
      }
    } finally {
      parked = false;
    }
  }

  private void processGroup(List<Pending> group) {
    if (brokenReason != null) {
      EventLogStorageException e =
          new EventLogStorageException("The event log refuses appends: " + brokenReason);
      for (Pending p : group) p.future.completeExceptionally(e);
      return;
    }
    List<Written> written = new ArrayList<>(group.size());
    for (Pending p : group) {
      Written w = writeOne(p);
      if (w != null) written.add(w);
    }
    if (written.isEmpty()) return;
    if (!syncGroup(written)) return;
    ack.publish(index.writerView().lastPosition());
    for (Written w : written) w.pending.future.complete(w.result);
    maybeSnapshot();
  }

  /** Seals and writes one batch as one document; null when it was rejected or failed. */
  private Written writeOne(Pending p) {
    LogIndex current = index.writerView();
    List<StoredEvent> sealed;
    try {
      sealed = current.seal(p.request, clock.instant(), eventIds, digest);
    } catch (EventLogException e) {
      p.future.completeExceptionally(e); // duplicate key or version mismatch: nothing written
      return null;
    } catch (RuntimeException e) {
      p.future.completeExceptionally(e);
      return null;
    }
    long first = sealed.get(0).position();
    long documentIndex;
    try {
      disk.reserve(BatchDocument.maxSize(sealed));
      documentIndex = writeDocument(first, sealed);
    } catch (EventLogStorageException e) {
      p.future.completeExceptionally(e);
      return null;
    }
    index.mutate(i -> i.applyAll(sealed));
    lastDocumentIndex = documentIndex;
    int cycle = rollCycle.toCycle(documentIndex);
    if (cycle != currentCycle) {
      currentCycle = cycle;
      reader.cycleStarted(first, cycle);
    }
    return new Written(p, new AppendResult(first, sealed.get(sealed.size() - 1).position()), documentIndex);
  }

  /** Writes one document; on any failure rolls it back so no reader ever sees it. */
  private long writeDocument(long first, List<StoredEvent> events) {
    long before = safeLastIndex();
    DocumentContext dc;
    try {
      dc = appender.writingDocument();
    } catch (RuntimeException e) {
      throw new EventLogStorageException("Cannot append at position " + first + ": " + e, e);
    }
    boolean complete = false;
    try {
      BatchDocument.write(dc.wire().bytes(), events);
      config.faults().duringWrite(first);
      complete = true;
    } catch (Exception e) {
      dc.rollbackOnClose();
      closeDocument(dc, first, before);
      throw new EventLogStorageException(
          "Cannot append at position " + first + ": write failed (" + e + "); nothing was written",
          e);
    }
    closeDocument(dc, first, before);
    return appender.lastIndexAppended();
  }

  private void closeDocument(DocumentContext dc, long first, long before) {
    try {
      dc.close();
    } catch (RuntimeException e) {
      // Chronicle may or may not have committed it: if it did, cut it so it is never served.
      long after = safeLastIndex();
      if (after != before && after >= 0) {
        cuts.add(List.of(new CutDocument(after, first, "write failed while committing: " + e)));
      }
      throw new EventLogStorageException("Cannot append at position " + first + ": " + e, e);
    }
  }

  private long safeLastIndex() {
    try {
      return appender.lastIndexAppended();
    } catch (RuntimeException e) {
      return -1;
    }
  }

  /** Syncs per policy; false when the group failed (its futures are then completed). */
  private boolean syncGroup(List<Written> written) {
    FsyncPolicy policy = config.fsync();
    if (policy instanceof FsyncPolicy.Batch) {
      try {
        sync();
      } catch (Exception e) {
        discard(written, e);
        return false;
      }
    } else if (policy instanceof FsyncPolicy.Interval interval) {
      unsynced = true;
      if (System.nanoTime() - lastSyncNanos >= interval.maxDelay().toNanos()) syncQuietly();
    }
    return true;
  }

  private void sync() throws Exception {
    config.faults().beforeSync();
    appender.sync();
    lastSyncNanos = System.nanoTime();
    unsynced = false;
  }

  /** Interval policy: the events were acknowledged already; a failed sync is logged and retried. */
  private void syncQuietly() {
    try {
      sync();
    } catch (Exception e) {
      lastSyncNanos = System.nanoTime();
      LOG.error("Periodic fsync of the event log failed; retrying at the next interval", e);
    }
  }

  /**
   * A failed sync: the group's documents are in the queue but may not be on disk, so they are
   * cut (durably) and the index is rebuilt without them; their appends fail. If even that fails,
   * the writer refuses further appends (reads continue) until the log is reopened.
   */
  private void discard(List<Written> written, Exception cause) {
    String reason = "fsync failed: " + cause;
    EventLogStorageException failure =
        new EventLogStorageException(
            "Cannot append: the event log could not be synced to disk (" + cause
                + "); the batch was not acknowledged and will not be served",
            cause);
    try {
      List<CutDocument> cut = new ArrayList<>();
      for (Written w : written) {
        cut.add(new CutDocument(w.documentIndex, w.result.firstPosition(), reason));
      }
      cuts.add(cut);
      Recovery.Result rebuilt = rebuild.get();
      index.replace(rebuilt.index());
      lastDocumentIndex = rebuilt.lastDocumentIndex();
      currentCycle =
          lastDocumentIndex < 0 ? Integer.MIN_VALUE : rollCycle.toCycle(lastDocumentIndex);
      reader.indexCycles();
      snapshotPosition = -1;
    } catch (RuntimeException e) {
      brokenReason = "a failed fsync could not be rolled back (" + e + ")";
      LOG.error("Event log writer disabled: {}", brokenReason, e);
    }
    for (Written w : written) w.pending.future.completeExceptionally(failure);
  }

  private void maybeSnapshot() {
    long last = index.writerView().lastPosition();
    if (last - snapshotPosition >= config.snapshotEveryEvents()) snapshot();
  }

  /** Persists the index; only state that was synced first, so it never names a lost document. */
  private void snapshot() {
    long last = index.writerView().lastPosition();
    if (last == snapshotPosition || last == 0 || brokenReason != null) return;
    try {
      if (unsynced || !(config.fsync() instanceof FsyncPolicy.Batch)) sync();
      IndexSnapshot.write(config.directory(), index.writerView(), lastDocumentIndex);
      snapshotPosition = last;
    } catch (Exception e) {
      LOG.warn("Could not write the event log index snapshot (the next open replays more)", e);
    }
  }

  private void finish() {
    if (brokenReason == null) {
      if (unsynced) syncQuietly();
      snapshot();
    }
    stopped = true;
    failRemaining(new EventLogClosedException());
  }

  private void failRemaining(EventLogException e) {
    Pending p;
    while ((p = queued.poll()) != null) p.future.completeExceptionally(e);
  }
}
