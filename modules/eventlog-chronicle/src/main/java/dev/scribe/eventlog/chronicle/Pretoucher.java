package dev.scribe.eventlog.chronicle;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Touches the pages of the cycle file just ahead of the writer from its own thread
 * ("scribe-pretouch"), so that the single writer does not take the page faults itself. The cycle
 * file is a sparse, memory-mapped file: the first write to each page faults, and the kernel then
 * reads ahead and zero-fills a whole folio of the hole; on this VM that was a third of the
 * writer's CPU time (BENCHMARKS.md, "Event log"). Chronicle's own pretoucher is an Enterprise
 * feature ({@code ExcerptAppender.pretouch()} does nothing useful in the open-source build), so
 * this is a small one of our own.
 *
 * <p>It maps the file through the queue's own store, so it shares the writer's mapping (the queue
 * caches one {@code MappedFile} per file), and touches each page with a compare-and-swap of 0 by
 * 0 on its first word: a page the writer has not reached yet holds zeros, so the swap writes the
 * zero that is already there (forcing the write fault) and changes nothing; a word the writer
 * already wrote is not zero and the swap fails without writing. The swap is atomic, so it can
 * never undo a concurrent write. It stays at most {@code ahead} bytes in front of the last
 * committed document, which the disk-space reserve covers (see {@link DiskSpaceGuard}).
 */
final class Pretoucher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Pretoucher.class);
  private static final long PAGE = 4096;

  /** Where the writer's last committed document ended. */
  private record Hint(int cycle, long position) {}

  private final SingleChronicleQueue queue;
  private final long ahead;
  private final Thread thread;
  private volatile Hint hint;
  /** How far (file offset) the current cycle's file has been touched. */
  private volatile long touchedTo;
  private volatile boolean parked;
  private volatile boolean closing;

  // Pretouch thread only.
  private SingleChronicleQueueStore store;
  private MappedBytes bytes;
  private int storeCycle = Integer.MIN_VALUE;

  private Pretoucher(SingleChronicleQueue queue, long ahead) {
    this.queue = queue;
    this.ahead = ahead;
    this.thread = new Thread(this::run, "scribe-pretouch");
    this.thread.setDaemon(true);
  }

  /** A started pretoucher keeping {@code ahead} bytes touched, or none when that is under a page. */
  static Pretoucher start(SingleChronicleQueue queue, long ahead) {
    Pretoucher p = new Pretoucher(queue, ahead - ahead % PAGE);
    if (p.ahead >= PAGE) p.thread.start();
    return p;
  }

  /**
   * Writer thread: a document was committed up to {@code position} of {@code cycle}'s file.
   * Cheap: it wakes the thread only when half of the touched stretch has been used.
   */
  void advanced(int cycle, long position) {
    if (ahead < PAGE) return;
    Hint h = hint;
    boolean newCycle = h == null || h.cycle != cycle;
    hint = new Hint(cycle, position);
    if (parked && (newCycle || position + ahead / 2 > touchedTo)) LockSupport.unpark(thread);
  }

  private void run() {
    try {
      while (!closing) {
        Hint h = hint;
        if (h == null || (h.cycle == storeCycle && h.position + ahead / 2 <= touchedTo)) {
          parked = true;
          h = hint;
          if (!closing && (h == null || (h.cycle == storeCycle && h.position + ahead / 2 <= touchedTo))) {
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(50));
          }
          parked = false;
          continue;
        }
        if (h.cycle != storeCycle && !switchTo(h.cycle)) {
          return; // the file is unavailable: the writer takes its own page faults
        }
        long from = Math.max(touchedTo, (h.position + PAGE) & -PAGE);
        long to = (h.position + ahead) & -PAGE;
        for (long page = from; page < to && !closing; page += PAGE) {
          bytes.compareAndSwapLong(page, 0L, 0L);
          touchedTo = page + PAGE;
        }
      }
    } catch (Throwable t) {
      if (!closing) LOG.warn("Event log pretouching stopped (appends go on without it)", t);
    } finally {
      release();
    }
  }

  private boolean switchTo(int cycle) {
    release();
    storeCycle = cycle;
    touchedTo = 0;
    store = queue.storeForCycle(cycle, queue.epoch(), false, null);
    if (store == null) return false;
    bytes = store.bytes();
    return true;
  }

  private void release() {
    if (bytes != null) {
      bytes.releaseLast();
      bytes = null;
    }
    if (store != null) {
      queue.closeStore(store);
      store = null;
    }
  }

  /** Stops the thread and releases the file; before the queue is closed. */
  @Override
  public void close() {
    closing = true;
    Threads.wakeAndJoin(thread);
  }
}
