package dev.scribe.eventlog;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The event log in memory, for fast unit tests. It follows exactly the rules of the durable
 * implementations (it passes the same conformance suite): events are stored in their {@link
 * RecordFormat} bytes and re-decoded on read, so hashes mean the same thing.
 *
 * <p>{@link Storage} outlives a log instance, so "close and reopen" can be tested: {@link #open}
 * rebuilds the index from the stored records as a durable log would.
 */
public final class InMemoryEventLog implements EventLog {

  /** The records, surviving close/reopen of the logs opened on it. */
  public static final class Storage {
    private final List<byte[]> records = new ArrayList<>();

    synchronized int size() {
      return records.size();
    }
  }

  private final Storage storage;
  private final Clock clock;
  private final Supplier<String> eventIds;
  private final LogIndex index = new LogIndex();
  private final MessageDigest digest = RecordFormat.sha256();
  private boolean closed;

  private InMemoryEventLog(Storage storage, Clock clock, Supplier<String> eventIds) {
    this.storage = storage;
    this.clock = clock;
    this.eventIds = eventIds;
    synchronized (storage) {
      for (byte[] r : storage.records) index.apply(RecordFormat.decode(r));
    }
  }

  /** Opens a log on {@code storage}, replaying what it holds. */
  public static InMemoryEventLog open(Storage storage, Clock clock, Supplier<String> eventIds) {
    return new InMemoryEventLog(storage, clock, eventIds);
  }

  /** A log on fresh storage. */
  public static InMemoryEventLog create(Clock clock, Supplier<String> eventIds) {
    return open(new Storage(), clock, eventIds);
  }

  @Override
  public CompletableFuture<AppendResult> appendAsync(AppendRequest request) {
    try {
      return CompletableFuture.completedFuture(appendNow(request));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private AppendResult appendNow(AppendRequest request) {
    synchronized (storage) {
      if (closed) throw new EventLogClosedException();
      List<StoredEvent> sealed = index.seal(request, clock.instant(), eventIds, digest);
      for (StoredEvent e : sealed) storage.records.add(RecordFormat.encode(e));
      index.applyAll(sealed);
      storage.notifyAll();
      return new AppendResult(
          sealed.get(0).position(), sealed.get(sealed.size() - 1).position());
    }
  }

  @Override
  public long lastPosition() {
    synchronized (storage) {
      return index.lastPosition();
    }
  }

  @Override
  public List<StoredEvent> readForward(long fromPosition, int maxEvents) {
    synchronized (storage) {
      if (closed) throw new EventLogClosedException();
      long from = Math.max(1, fromPosition);
      List<StoredEvent> out = new ArrayList<>();
      for (long p = from; p <= index.lastPosition() && out.size() < maxEvents; p++) {
        out.add(RecordFormat.decode(storage.records.get((int) (p - 1))));
      }
      return out;
    }
  }

  @Override
  public long awaitPosition(long knownLastPosition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (storage) {
      while (index.lastPosition() <= knownLastPosition && !closed) {
        long left = deadline - System.nanoTime();
        if (left <= 0) break;
        storage.wait(Math.max(1, left / 1_000_000));
      }
      return index.lastPosition();
    }
  }

  @Override
  public long streamVersion(String stream) {
    synchronized (storage) {
      return index.streamVersion(stream);
    }
  }

  @Override
  public List<StoredEvent> readStream(String stream, long fromVersion, int maxEvents) {
    synchronized (storage) {
      if (closed) throw new EventLogClosedException();
      List<StoredEvent> out = new ArrayList<>();
      long version = index.streamVersion(stream);
      for (long v = Math.max(1, fromVersion); v <= version && out.size() < maxEvents; v++) {
        long p = index.positionOf(stream, v);
        out.add(RecordFormat.decode(storage.records.get((int) (p - 1))));
      }
      return out;
    }
  }

  @Override
  public Subscription subscribe(String name, long fromPosition, EventListener listener) {
    return PollingSubscription.start(this, name, fromPosition, listener);
  }

  @Override
  public void close() {
    synchronized (storage) {
      closed = true;
      storage.notifyAll();
    }
  }
}
