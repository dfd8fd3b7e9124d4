package dev.scribe.eventlog.chronicle;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code batch} policy's fsyncs, on a thread of their own ("scribe-syncer"), so the writer
 * writes the next group while the last one is being synced. Without it, every batch queued during
 * a sync waited for that sync to end before it was even written: a read-only call's record
 * (acknowledged once written) then still waited a full fsync, and a write waited up to two.
 *
 * <p>One sync at a time. The writer asks for a sync when none is running, naming the cycle files
 * the groups since the previous request wrote to, and remembers which groups it covers; it learns
 * the outcome with {@link #takeOutcome} after this thread wakes it. A sync is an fdatasync
 * of each file through a channel of its own: the page cache is the one Chronicle's mapping writes
 * into, so it flushes what the writer wrote there.
 */
final class BackgroundSync {
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundSync.class);

  /** How a requested sync ended. */
  sealed interface Outcome {
    /** What the sync covered is on disk. */
    record Synced() implements Outcome {}

    /** The sync failed: nothing written since the last good one can be counted durable. */
    record Failed(Exception cause) implements Outcome {}
  }

  private final StorageFaults faults;
  private final Thread writer;
  private final Thread thread;
  private final Object lock = new Object();
  private final AtomicReference<Outcome> outcome = new AtomicReference<>();
  /** This thread's channels, by file; a file no longer asked for is closed. */
  private final Map<File, FileChannel> channels = new HashMap<>();

  private Set<File> request; // guarded by lock; null when none waits
  private boolean closing; // guarded by lock

  BackgroundSync(StorageFaults faults, Thread writer) {
    this.faults = faults;
    this.writer = writer;
    this.thread = new Thread(this::run, "scribe-syncer");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Asks for a sync of {@code files}. */
  void request(Set<File> files) {
    synchronized (lock) {
      if (request != null) throw new IllegalStateException("a sync is already requested");
      request = files;
      lock.notify();
    }
  }

  /** The outcome of the requested sync once it has ended (once), else null. */
  Outcome takeOutcome() {
    return outcome.getAndSet(null);
  }

  boolean hasOutcome() {
    return outcome.get() != null;
  }

  /** Ends the thread after the sync it is running, if any. The writer settles its outcome. */
  void close() {
    synchronized (lock) {
      closing = true;
      lock.notify();
    }
    Threads.wakeAndJoin(thread);
  }

  private void run() {
    try {
      while (true) {
        Set<File> files;
        synchronized (lock) {
          while (request == null && !closing) lock.wait();
          if (request == null) break;
          files = request;
          request = null;
        }
        outcome.set(sync(files));
        LockSupport.unpark(writer);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      for (FileChannel c : channels.values()) closeQuietly(c);
      channels.clear();
    }
  }

  private Outcome sync(Set<File> files) {
    try {
      faults.beforeSync();
      for (File f : files) channel(f).force(false);
      for (Iterator<Map.Entry<File, FileChannel>> it = channels.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<File, FileChannel> e = it.next();
        if (!files.contains(e.getKey())) {
          closeQuietly(e.getValue());
          it.remove();
        }
      }
      return new Outcome.Synced();
    } catch (Exception | Error e) {
      Exception cause = e instanceof Exception x ? x : new IOException(e);
      return new Outcome.Failed(cause);
    }
  }

  private FileChannel channel(File f) throws IOException {
    FileChannel c = channels.get(f);
    if (c == null) {
      c = FileChannel.open(f.toPath(), StandardOpenOption.READ);
      channels.put(f, c);
    }
    return c;
  }

  private static void closeQuietly(FileChannel c) {
    try {
      c.close();
    } catch (IOException e) {
      LOG.debug("closing a sync channel failed", e);
    }
  }
}
