package dev.scribe.eventlog.chronicle;

import dev.scribe.eventlog.Acknowledgement;
import dev.scribe.eventlog.AppendRequest;
import dev.scribe.eventlog.AppendResult;
import dev.scribe.eventlog.EventLogClosedException;
import dev.scribe.eventlog.EventLogException;
import dev.scribe.eventlog.EventLogStorageException;
import dev.scribe.eventlog.LogIndex;
import dev.scribe.eventlog.StoredEvent;
import java.io.File;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer ("scribe-appender"): the only code that touches Chronicle's appender. Callers
 * enqueue; the writer takes whatever is queued as one group, seals each batch (one encode into a
 * reused buffer, hashed there: {@link RecordSealer}) and writes the group's batches into as few
 * Chronicle documents as possible (one per {@link #DOCUMENT_BYTES}; a batch is never split, so a
 * reader sees all of a batch or none of it), syncs once for the group (per the {@link
 * FsyncPolicy}), then publishes the new acknowledged position and completes the futures (those
 * that asked for {@link Acknowledgement#WRITTEN} complete once the documents are committed, before
 * the sync). Under {@code batch} the sync runs on {@link BackgroundSync}'s thread while the writer
 * writes the next groups; one sync then covers every group written while the last one ran, and
 * groups nobody waits on (only {@code WRITTEN} batches) wait up to the policy's deferral for it.
 * It parks when idle (no spinning). {@link SyncBacklog} keeps the {@code batch} bookkeeping.
 *
 * <p>One document per group instead of one per batch: Chronicle's per-document work (write lock,
 * header, index entry) is paid once per group. A batch whose write fails is taken out of the open
 * document again (its bytes are dropped by moving the write position back), so only that batch
 * fails; only a failure to commit the document itself fails every batch in it.
 */
final class AppendWriter {
  private static final Logger LOG = LoggerFactory.getLogger(AppendWriter.class);
  /** Upper bound of batches per group, so one sync never waits behind an unbounded backlog. */
  private static final int MAX_GROUP = 4096;

  /**
   * A group's document is committed once it holds this many bytes, and the next batch starts a
   * new one. Small enough that a read of one position inside a document (which scans the
   * document's records from its start) stays cheap, large enough that Chronicle's per-document
   * cost is spread over ~90 events of 0.7 KB.
   */
  static final int DOCUMENT_BYTES = 64 << 10;

  /** One queued append. */
  private record Pending(
      AppendRequest request, Acknowledgement when, CompletableFuture<AppendResult> future) {}

  /** A batch written in the current group, not yet acknowledged. */
  private record Written(Pending pending, AppendResult result) {}

  /** A document committed in the current group (for cutting it when the group's sync fails). */
  private record Committed(long documentIndex, long firstPosition) {}

  /** A written group waiting for its sync ({@code batch}): acknowledged once the sync ends. */
  private record UnsyncedGroup(List<Written> written, List<Committed> committed, long lastPosition) {}

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
  private final RecordSealer sealer = new RecordSealer();
  private final Pretoucher pretoucher;
  private final ConcurrentLinkedQueue<Pending> queued = new ConcurrentLinkedQueue<>();
  private final Thread thread;
  private final BackgroundSync background;
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

  /** The current group's batches and committed documents. */
  private final List<Written> written = new ArrayList<>();
  private final List<Committed> committed = new ArrayList<>();

  /** Under {@code batch}: the written groups not yet known to be synced, and when to sync. */
  private final SyncBacklog<UnsyncedGroup> backlog;

  /** The group's open document, or null. */
  private DocumentContext doc;
  private Bytes<?> docBytes;
  private long docCountAt;
  private long docStart;
  private long docFirst;
  private int docEvents;
  /** Index in {@link #written} of the open document's first batch. */
  private int docFirstWritten;
  /** The recorded time of the open document's events (the clock is read once per document). */
  private Instant docTime;
  /**
   * Chronicle's index of the last document in the queue, committed by this writer or found on
   * open (cut ones included): tells whether a document whose commit failed landed anyway.
   */
  private long chronicleLast = -1;

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
      boolean snapshotCurrent,
      Pretoucher pretoucher) {
    this.config = config;
    this.pretoucher = pretoucher;
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
    this.background = new BackgroundSync(config.faults(), thread);
    this.backlog =
        new SyncBacklog<>(
            config.fsync() instanceof FsyncPolicy.Batch b ? b.deferral().toNanos() : 0);
  }

  /** Starts the thread and waits until it owns an appender. */
  void start() {
    background.start();
    thread.start();
    try {
      started.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  CompletableFuture<AppendResult> submit(AppendRequest request, Acknowledgement when) {
    CompletableFuture<AppendResult> future = new CompletableFuture<>();
    if (closing || stopped) return CompletableFuture.failedFuture(stoppedFailure());
    Pending p = new Pending(request, when, future);
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
    Threads.wakeAndJoin(thread);
    background.close();
  }

  private void run() {
    try {
      appender = queue.createAppender();
      chronicleLast = safeLastIndex();
      started.complete(null);
    } catch (Throwable t) {
      started.completeExceptionally(t);
      return;
    }
    List<Pending> group = new ArrayList<>();
    try {
      while (true) {
        settleSync();
        group.clear();
        drain(group);
        if (group.isEmpty()) {
          requestSync();
          if (closing && backlog.isEmpty()) break;
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
      for (UnsyncedGroup g : backlog.discardAll()) {
        for (Written w : g.written()) w.pending.future.completeExceptionally(e);
      }
      stopped = true;
      failRemaining(e);
    } finally {
      stopped = true;
      if (doc != null) rollback(doc); // the writer died inside a group: release the write lock
      appender.singleThreadedCheckReset();
      appender.close();
    }
  }

  private void drain(List<Pending> group) {
    Pending p;
    while (group.size() < MAX_GROUP && (p = queued.poll()) != null) group.add(p);
  }

  /** Parks until work arrives, a background sync ends, or an interval sync is due. */
  private void idle() {
    parked = true;
    try {
      if (!queued.isEmpty() || background.hasOutcome()) return;
      if (closing && !backlog.syncing()) return;
      if (backlog.deferred()) {
        // Groups nobody waits on: wake when their sync is due.
        LockSupport.parkNanos(this, backlog.nanosUntilDue(System.nanoTime()));
      } else if (unsynced && config.fsync() instanceof FsyncPolicy.Interval interval) {
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
    written.clear();
    committed.clear();
    for (Pending p : group) {
      if (doc != null && docBytes.writePosition() - docStart >= DOCUMENT_BYTES) commitDocument();
      if (brokenReason != null) {
        p.future.completeExceptionally(
            new EventLogStorageException("The event log refuses appends: " + brokenReason));
        continue;
      }
      writeBatch(p);
    }
    if (doc != null) commitDocument();
    if (written.isEmpty()) return;
    // WRITTEN batches are in the queue's files now: they need not wait for the sync (their
    // completion after it, and a failure from discardUnsynced(), are then no-ops). A DURABLE one
    // means somebody waits for this group's sync.
    boolean awaited = false;
    for (Written w : written) {
      if (w.pending.when == Acknowledgement.WRITTEN) {
        w.pending.future.complete(w.result);
      } else {
        awaited = true;
      }
    }
    if (config.fsync() instanceof FsyncPolicy.Batch) {
      backlog.add(
          new UnsyncedGroup(
              List.copyOf(written), List.copyOf(committed), index.writerView().lastPosition()),
          awaited,
          System.nanoTime());
      requestSync();
      return;
    }
    syncPerPolicy();
    ack.publish(index.writerView().lastPosition());
    for (Written w : written) w.pending.future.complete(w.result);
    maybeSnapshot();
  }

  /** Under {@code batch}: starts the background sync of the backlog when it is time. */
  private void requestSync() {
    Set<File> files = backlog.startSync(closing, System.nanoTime());
    if (files != null) background.request(files);
  }

  /**
   * Takes the outcome of a background sync that has ended: acknowledges the groups it covered,
   * or, when it failed, cuts every unsynced group (later ones follow the lost documents in the
   * hash chain); then starts the next sync for whatever was written meanwhile.
   */
  private void settleSync() {
    BackgroundSync.Outcome outcome = background.takeOutcome();
    if (outcome == null) return;
    if (outcome instanceof BackgroundSync.Outcome.Failed f) {
      discardUnsynced(f.cause());
    } else {
      List<UnsyncedGroup> synced = backlog.synced();
      ack.publish(synced.get(synced.size() - 1).lastPosition());
      for (UnsyncedGroup g : synced) {
        for (Written w : g.written()) w.pending.future.complete(w.result);
      }
      if (backlog.isEmpty()) maybeSnapshot();
    }
    requestSync();
  }

  /** Seals one batch and writes it into the group's open document, or fails only it. */
  private void writeBatch(Pending p) {
    if (doc == null) docTime = clock.instant();
    List<StoredEvent> sealed;
    try {
      sealed = seal(index.writerView(), p.request, docTime);
    } catch (RuntimeException e) {
      // duplicate key, version mismatch or a bad event: nothing was written
      p.future.completeExceptionally(e);
      return;
    }
    long first = sealed.get(0).position();
    int size = sealer.size();
    try {
      disk.reserve(size + (doc == null ? BatchDocument.HEADER_BYTES + 8L : 0));
      if (doc == null) openDocument(first);
    } catch (EventLogStorageException e) {
      p.future.completeExceptionally(e);
      return;
    }
    long mark = docBytes.writePosition();
    try {
      docBytes.write(sealer.buffer(), 0, size);
      config.faults().duringWrite(first);
    } catch (Exception e) {
      EventLogStorageException failure =
          new EventLogStorageException(
              "Cannot append at position " + first + ": write failed (" + e
                  + "); nothing was written",
              e);
      try {
        docBytes.writePosition(mark); // the batch leaves the document; the rest stays
      } catch (RuntimeException x) {
        abandonDocument(x);
      }
      p.future.completeExceptionally(failure);
      return;
    }
    docEvents += sealed.size();
    index.applyAll(sealed);
    written.add(
        new Written(p, new AppendResult(first, sealed.get(sealed.size() - 1).position())));
  }

  /** Checks the batch and seals its events into {@link #sealer}'s buffer. */
  private List<StoredEvent> seal(LogIndex current, AppendRequest request, Instant now) {
    sealer.reset();
    return current.seal(request, now, eventIds, sealer::seal);
  }

  private void openDocument(long first) {
    DocumentContext dc;
    try {
      dc = appender.writingDocument();
    } catch (RuntimeException e) {
      throw new EventLogStorageException("Cannot append at position " + first + ": " + e, e);
    }
    try {
      Bytes<?> out = dc.wire().bytes();
      out.writeInt(BatchDocument.MAGIC);
      out.writeLong(first);
      docCountAt = out.writePosition();
      out.writeInt(0); // the count, set on commit
      docStart = out.writePosition();
      docBytes = out;
    } catch (RuntimeException e) {
      rollback(dc);
      throw new EventLogStorageException("Cannot append at position " + first + ": " + e, e);
    }
    doc = dc;
    docFirst = first;
    docEvents = 0;
    docFirstWritten = written.size();
  }

  /** Commits the open document; on failure fails its batches and rebuilds the index. */
  private void commitDocument() {
    DocumentContext dc = doc;
    doc = null;
    if (docEvents == 0) {
      rollback(dc); // every batch in it failed
      return;
    }
    long end;
    try {
      docBytes.writeInt(docCountAt, docEvents);
      end = docBytes.writePosition();
    } catch (RuntimeException e) {
      rollback(dc);
      failDocument(e);
      return;
    }
    try {
      dc.close();
    } catch (RuntimeException e) {
      // Chronicle may or may not have committed it: if it did, cut it so it is never served.
      long after = safeLastIndex();
      try {
        if (after != chronicleLast && after >= 0) {
          chronicleLast = after;
          cuts.add(List.of(new CutDocument(after, docFirst, "write failed while committing: " + e)));
        }
      } catch (RuntimeException x) {
        e.addSuppressed(x);
        brokenReason = "a document that failed to commit could not be cut (" + x + ")";
      }
      failDocument(e);
      return;
    }
    long documentIndex = appender.lastIndexAppended();
    chronicleLast = documentIndex;
    committed.add(new Committed(documentIndex, docFirst));
    File file = appender.currentFile();
    // Only batch syncs per file; the other policies sync through the appender.
    if (file != null && config.fsync() instanceof FsyncPolicy.Batch) backlog.fileWritten(file);
    lastDocumentIndex = documentIndex;
    int cycle = rollCycle.toCycle(documentIndex);
    if (cycle != currentCycle) {
      currentCycle = cycle;
      reader.cycleStarted(docFirst, cycle);
    }
    pretoucher.advanced(cycle, end);
  }

  /** The open document cannot be trusted any more (its bytes could not be reset): drop it. */
  private void abandonDocument(RuntimeException cause) {
    DocumentContext dc = doc;
    doc = null;
    rollback(dc);
    if (docEvents > 0) failDocument(cause);
  }

  private static void rollback(DocumentContext dc) {
    try {
      dc.rollbackOnClose();
      dc.close();
    } catch (RuntimeException e) {
      LOG.warn("Rolling back an event log document failed", e);
    }
  }

  /**
   * The open document's batches were applied to the index but are not stored: they fail, and the
   * index is rebuilt from the log.
   */
  private void failDocument(RuntimeException cause) {
    EventLogStorageException failure =
        new EventLogStorageException(
            "Cannot append at position " + docFirst + ": " + cause + "; nothing was written",
            cause);
    List<Written> lost = written.subList(docFirstWritten, written.size());
    for (Written w : lost) w.pending.future.completeExceptionally(failure);
    lost.clear();
    rebuildIndex();
  }

  private long safeLastIndex() {
    try {
      return appender.lastIndexAppended();
    } catch (RuntimeException e) {
      return -1;
    }
  }

  /** The {@code interval} and {@code none} policies: acknowledged now, synced later or never. */
  private void syncPerPolicy() {
    if (config.fsync() instanceof FsyncPolicy.Interval interval) {
      unsynced = true;
      if (System.nanoTime() - lastSyncNanos >= interval.maxDelay().toNanos()) syncQuietly();
    }
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
   * A failed sync: the unsynced groups' documents are in the queue but may not be on disk, so they
   * are cut (durably) and the index is rebuilt without them; their appends fail. If even that
   * fails, the writer refuses further appends (reads continue) until the log is reopened.
   */
  private void discardUnsynced(Exception cause) {
    String reason = "fsync failed: " + cause;
    EventLogStorageException failure =
        new EventLogStorageException(
            "Cannot append: the event log could not be synced to disk (" + cause
                + "); the batch was not acknowledged and will not be served",
            cause);
    List<UnsyncedGroup> lost = backlog.discardAll();
    try {
      List<CutDocument> cut = new ArrayList<>();
      for (UnsyncedGroup g : lost) {
        for (Committed c : g.committed()) {
          cut.add(new CutDocument(c.documentIndex, c.firstPosition, reason));
        }
      }
      cuts.add(cut);
      rebuildIndex();
    } catch (RuntimeException e) {
      brokenReason = "a failed fsync could not be rolled back (" + e + ")";
      LOG.error("Event log writer disabled: {}", brokenReason, e);
    }
    for (UnsyncedGroup g : lost) {
      for (Written w : g.written()) w.pending.future.completeExceptionally(failure);
    }
  }

  /** Rebuilds the index from the log (after documents were cut or never stored). */
  private void rebuildIndex() {
    try {
      Recovery.Result rebuilt = rebuild.get();
      index.replace(rebuilt.index());
      lastDocumentIndex = rebuilt.lastDocumentIndex();
      currentCycle =
          lastDocumentIndex < 0 ? Integer.MIN_VALUE : rollCycle.toCycle(lastDocumentIndex);
      reader.indexCycles();
      snapshotPosition = -1;
    } catch (RuntimeException e) {
      brokenReason = "the index could not be rebuilt after a failed write (" + e + ")";
      LOG.error("Event log writer disabled: {}", brokenReason, e);
    }
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
