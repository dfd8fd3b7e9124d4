package dev.scribe.search;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.jspecify.annotations.Nullable;

/**
 * Feeds documents to the {@link IndexWriter} and publishes the <em>watermark</em>: the highest
 * position such that the documents of every event up to it are in the writer.
 *
 * <p>Following the log live, each document is added on the caller's (the projection's) thread at
 * once. While catching up, inverting the trigram field is most of the work, so documents are
 * added in batches of {@value #BATCH} by worker threads ({@code scribe-search-index-N}; Lucene
 * indexes concurrently into separate in-memory segments) while the projection thread decodes the
 * next events. The watermark then stays below the first batch not yet added, so a searcher never
 * claims to cover an event whose document is missing. A failed batch stops the watermark for good
 * and is rethrown to the next caller, which fails the projection.
 *
 * <p>{@link #add} and {@link #drain} are called by one thread at a time (the projection's
 * contract); workers only run batches.
 */
final class DocumentSink {
  static final int BATCH = 128;

  private final IndexWriter writer;
  private final LongConsumer onWatermark;
  private final @Nullable ExecutorService workers;
  private final Semaphore slots;

  private final Object lock = new Object();
  private final TreeSet<Long> inFlight = new TreeSet<>(); // first positions of submitted batches
  private long pendingFirst = Long.MAX_VALUE; // first position of the batch being filled
  private long seen; // the last position given to add
  private long published;
  private volatile @Nullable Throwable failure;

  private List<Document> batch = new ArrayList<>(BATCH);

  /**
   * @param threads worker threads for catch-up; 1 or less adds everything on the caller's thread
   */
  DocumentSink(IndexWriter writer, int threads, long start, LongConsumer onWatermark) {
    this.writer = writer;
    this.onWatermark = onWatermark;
    this.seen = start;
    this.published = start;
    if (threads > 1) {
      AtomicInteger n = new AtomicInteger();
      this.workers =
          Executors.newFixedThreadPool(
              threads,
              r -> {
                Thread t = new Thread(r, "scribe-search-index-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      this.slots = new Semaphore(threads * 2);
    } else {
      this.workers = null;
      this.slots = new Semaphore(Integer.MAX_VALUE);
    }
  }

  /**
   * Takes event {@code position}'s document ({@code null} for an event without one).
   *
   * @param catchingUp whether batching may defer it
   */
  void add(long position, @Nullable Document doc, boolean catchingUp) throws IOException {
    rethrow();
    if (workers == null || !catchingUp) {
      submit();
      if (doc != null) writer.addDocument(doc);
    } else if (doc != null) {
      if (batch.isEmpty()) {
        synchronized (lock) {
          pendingFirst = position;
        }
      }
      batch.add(doc);
    }
    synchronized (lock) {
      seen = position;
    }
    if (batch.size() >= BATCH) submit();
    publish();
  }

  /** Adds every document taken so far and waits for them; rethrows a batch's failure. */
  void drain() throws IOException {
    submit();
    synchronized (lock) {
      while (!inFlight.isEmpty() && failure == null) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while draining the entry index");
        }
      }
    }
    rethrow();
    publish();
  }

  /** After {@link #drain} and the writer's {@code deleteAll}: start again at position 0. */
  void restart() {
    synchronized (lock) {
      seen = 0;
      published = 0;
      pendingFirst = Long.MAX_VALUE;
    }
  }

  boolean failed() {
    return failure != null;
  }

  void rethrow() throws IOException {
    Throwable t = failure;
    if (t == null) return;
    if (t instanceof IOException io) throw new IOException("indexing a batch failed: " + io.getMessage(), io);
    throw new IOException("indexing a batch failed: " + t, t);
  }

  /** Stops the workers (call after {@link #drain}). */
  void close() {
    if (workers == null) return;
    workers.shutdown();
    try {
      workers.awaitTermination(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void submit() throws IOException {
    if (batch.isEmpty()) return;
    ExecutorService w = workers;
    if (w == null) throw new IllegalStateException("batch without workers");
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while indexing");
    }
    List<Document> docs = batch;
    batch = new ArrayList<>(BATCH);
    long first;
    synchronized (lock) {
      first = pendingFirst;
      pendingFirst = Long.MAX_VALUE;
      inFlight.add(first);
    }
    w.execute(
        () -> {
          boolean ok = false;
          try {
            for (Document d : docs) writer.addDocument(d);
            ok = true;
          } catch (Throwable t) {
            if (failure == null) failure = t;
          } finally {
            synchronized (lock) {
              if (ok) inFlight.remove(first); // a failed batch holds the watermark back for good
              lock.notifyAll();
            }
            slots.release();
            publish();
          }
        });
  }

  /** Publishes the watermark if it moved (under the lock, so it never goes backwards). */
  private void publish() {
    synchronized (lock) {
      long lowest = Math.min(pendingFirst, inFlight.isEmpty() ? Long.MAX_VALUE : inFlight.first());
      long w = lowest == Long.MAX_VALUE ? seen : Math.min(seen, lowest - 1);
      if (w > published) {
        published = w;
        onWatermark.accept(w);
      }
    }
  }
}
