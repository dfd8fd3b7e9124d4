package dev.scribe.eventlog.chronicle;

import dev.scribe.eventlog.Acknowledgement;
import dev.scribe.eventlog.AppendRequest;
import dev.scribe.eventlog.AppendResult;
import dev.scribe.eventlog.EventListener;
import dev.scribe.eventlog.EventLog;
import dev.scribe.eventlog.EventLogClosedException;
import dev.scribe.eventlog.EventLogStorageException;
import dev.scribe.eventlog.LogIndex;
import dev.scribe.eventlog.PollingSubscription;
import dev.scribe.eventlog.StoredEvent;
import dev.scribe.eventlog.Subscription;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import net.openhft.chronicle.bytes.SyncMode;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event log on Chronicle Queue: one directory, one writer process, one writer thread, each
 * appended batch inside one Chronicle document, positions and hash chain in {@link
 * dev.scribe.eventlog.RecordFormat}. See the package documentation for the on-disk layout and the
 * recovery rules.
 */
public final class ChronicleEventLog implements EventLog {
  private static final Logger LOG = LoggerFactory.getLogger(ChronicleEventLog.class);

  static {
    ChronicleSupport.disableAnalytics();
  }

  private final DirectoryLock lock;
  private final SingleChronicleQueue queue;
  private final DocumentReader reader;
  private final IndexHolder index;
  private final AckState ack;
  private final AppendWriter writer;
  private final Pretoucher pretoucher;
  private final RecoveryReport recovery;
  /** Readers hold the read side; close takes the write side before releasing storage. */
  private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private volatile boolean closed;

  private ChronicleEventLog(
      DirectoryLock lock,
      SingleChronicleQueue queue,
      DocumentReader reader,
      IndexHolder index,
      AckState ack,
      AppendWriter writer,
      Pretoucher pretoucher,
      RecoveryReport recovery) {
    this.lock = lock;
    this.queue = queue;
    this.reader = reader;
    this.index = index;
    this.ack = ack;
    this.writer = writer;
    this.pretoucher = pretoucher;
    this.recovery = recovery;
  }

  /**
   * Opens (creating when missing) the log in {@code config.directory()}: takes the directory lock,
   * rebuilds the index (snapshot + verified tail), cuts a corrupt last document, and starts the
   * writer thread.
   *
   * @param clock the only time source of the log (recorded times and Chronicle's file cycles)
   * @param eventIds the source of event ids
   * @throws LogDirectoryLockedException when another process (or open) holds the directory
   * @throws dev.scribe.eventlog.CorruptLogException when the log is damaged before its tail
   */
  public static ChronicleEventLog open(
      ChronicleLogConfig config, Clock clock, Supplier<String> eventIds) {
    ChronicleSupport.disableAnalytics();
    try {
      Files.createDirectories(config.directory());
    } catch (IOException e) {
      throw new EventLogStorageException("Cannot create " + config.directory() + ": " + e, e);
    }
    DirectoryLock lock = DirectoryLock.acquire(config.directory());
    SingleChronicleQueue queue = null;
    DocumentReader reader = null;
    Pretoucher pretoucher = null;
    try {
      MonotonicTime time = new MonotonicTime(clock);
      queue = buildQueue(config, time);
      if (queue.firstIndex() != Long.MAX_VALUE) time.floor(cycleStartMillis(queue));
      CutSet cuts = CutSet.load(config.directory());
      reader = new DocumentReader(queue, cuts);
      reader.indexCycles();
      Recovery recovery = new Recovery(config.directory(), queue, cuts);
      Recovery.Result result = recovery.run();
      report(config, result.report());
      IndexHolder index = new IndexHolder(result.index());
      AckState ack = new AckState(result.index().lastPosition());
      // Within the disk reserve, so pretouched pages never eat the space the guard keeps free.
      pretoucher =
          Pretoucher.start(queue, Math.min(config.pretouchBytes(), config.diskReserveBytes() / 2));
      AppendWriter writer =
          new AppendWriter(
              config, queue, clock, eventIds, index, ack, reader, cuts, recovery::run,
              result.lastDocumentIndex(), result.report().snapshotUsed()
                  && result.report().eventsVerified() == 0,
              pretoucher);
      writer.start();
      return new ChronicleEventLog(
          lock, queue, reader, index, ack, writer, pretoucher, result.report());
    } catch (RuntimeException | Error e) {
      if (pretoucher != null) pretoucher.close();
      if (reader != null) reader.close();
      if (queue != null) queue.close();
      lock.close();
      throw e;
    }
  }

  private static SingleChronicleQueue buildQueue(ChronicleLogConfig config, MonotonicTime time) {
    return SingleChronicleQueueBuilder.binary(config.directory())
        .rollCycle(config.rollCycle())
        .timeoutMS(config.writeLockTimeout().toMillis())
        // SYNC makes appender.sync() an msync(MS_SYNC); with `none` nobody calls it.
        .syncMode(config.fsync() instanceof FsyncPolicy.None ? SyncMode.ASYNC : SyncMode.SYNC)
        .timeProvider(time)
        .build();
  }

  private static long cycleStartMillis(SingleChronicleQueue queue) {
    return (long) queue.lastCycle() * queue.rollCycle().lengthInMillis();
  }

  private static void report(ChronicleLogConfig config, RecoveryReport r) {
    for (CutDocument c : r.cutOnOpen()) {
      LOG.warn(
          "Event log {}: cut a corrupt tail document at position {} (Chronicle index {}): {}",
          config.directory(), c.position(), Long.toHexString(c.chronicleIndex()), c.reason());
    }
    for (String note : r.notes()) LOG.info("Event log {}: {}", config.directory(), note);
    LOG.info(
        "Event log {} open at position {} ({} events verified, snapshot {})",
        config.directory(), r.lastPosition(), r.eventsVerified(), r.snapshotUsed() ? "used" : "not used");
  }

  /** What opening found: snapshot use, events verified, documents cut. */
  public RecoveryReport recovery() {
    return recovery;
  }

  @Override
  public CompletableFuture<AppendResult> appendAsync(AppendRequest request) {
    return appendAsync(request, Acknowledgement.DURABLE);
  }

  @Override
  public CompletableFuture<AppendResult> appendAsync(AppendRequest request, Acknowledgement when) {
    if (closed) return CompletableFuture.failedFuture(new EventLogClosedException());
    return writer.submit(request, when);
  }

  @Override
  public long lastPosition() {
    return ack.acknowledged();
  }

  @Override
  public List<StoredEvent> readForward(long fromPosition, int maxEvents) {
    lifecycle.readLock().lock();
    try {
      ensureOpen();
      return reader.read(Math.max(1, fromPosition), maxEvents, ack.acknowledged());
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  @Override
  public long awaitPosition(long knownLastPosition, Duration timeout) throws InterruptedException {
    return ack.await(knownLastPosition, timeout);
  }

  @Override
  public long streamVersion(String stream) {
    long acked = ack.acknowledged();
    return index.read(i -> acknowledgedVersion(i, stream, acked));
  }

  /** The stream's version counting only acknowledged events (the writer may be ahead). */
  private static long acknowledgedVersion(LogIndex i, String stream, long acked) {
    long v = i.streamVersion(stream);
    while (v > 0 && i.positionOf(stream, v) > acked) v--;
    return v;
  }

  @Override
  public List<StoredEvent> readStream(String stream, long fromVersion, int maxEvents) {
    lifecycle.readLock().lock();
    try {
      ensureOpen();
      long acked = ack.acknowledged();
      long[] positions =
          index.read(
              i -> {
                long to = acknowledgedVersion(i, stream, acked);
                long from = Math.max(1, fromVersion);
                int n = (int) Math.max(0, Math.min(maxEvents, to - from + 1));
                long[] p = new long[n];
                for (int k = 0; k < n; k++) p[k] = i.positionOf(stream, from + k);
                return p;
              });
      List<StoredEvent> out = new ArrayList<>(positions.length);
      for (long p : positions) out.addAll(reader.read(p, 1, p));
      return out;
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  @Override
  public Subscription subscribe(String name, long fromPosition, EventListener listener) {
    return PollingSubscription.start(this, name, fromPosition, listener);
  }

  private void ensureOpen() {
    if (closed) throw new EventLogClosedException();
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    writer.close();
    pretoucher.close();
    ack.close();
    lifecycle.writeLock().lock();
    try {
      reader.close();
      queue.close();
    } finally {
      lifecycle.writeLock().unlock();
      lock.close();
    }
  }
}
