package dev.scribe.eventlog.chronicle;

import dev.scribe.eventlog.LogIndex;
import dev.scribe.eventlog.StoredEvent;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The writer's {@link LogIndex} shared with readers. LogIndex is single-threaded, so the writer
 * mutates it (and may replace it after a failed sync) under the write lock, and readers look up
 * stream positions under the read lock. The writer reads it without the lock: it is the only
 * mutator.
 */
final class IndexHolder {
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private LogIndex index;

  IndexHolder(LogIndex index) {
    this.index = index;
  }

  /** Writer thread only: the index for reads that need no lock. */
  LogIndex writerView() {
    return index;
  }

  void mutate(Consumer<LogIndex> change) {
    lock.writeLock().lock();
    try {
      change.accept(index);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Writer thread: records a stored batch (one lock, no lambda, on the hot path). */
  void applyAll(List<StoredEvent> batch) {
    lock.writeLock().lock();
    try {
      index.applyAll(batch);
    } finally {
      lock.writeLock().unlock();
    }
  }

  void replace(LogIndex rebuilt) {
    lock.writeLock().lock();
    try {
      index = rebuilt;
    } finally {
      lock.writeLock().unlock();
    }
  }

  <T> T read(Function<LogIndex, T> query) {
    lock.readLock().lock();
    try {
      return query.apply(index);
    } finally {
      lock.readLock().unlock();
    }
  }
}
