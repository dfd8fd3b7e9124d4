package dev.scribe.eventlog.chronicle;

import dev.scribe.eventlog.StoredEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentSkipListMap;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Finds and reads Scribe positions in the Chronicle queue. Positions are Scribe's own, so a
 * position is found by a binary search over documents (each holds a contiguous range): first the
 * cycle (file) from an in-memory map of each cycle's first position, then the document by its
 * sequence number. A reader that continues where it stopped (paging, tailing) skips the search.
 *
 * <p>Chronicle tailers are single-threaded, so each call borrows one from a pool and returns it;
 * a borrowed tailer is used by exactly one thread at a time.
 */
final class DocumentReader implements AutoCloseable {
  private final SingleChronicleQueue queue;
  private final RollCycle rollCycle;
  private final CutSet cuts;
  private final ConcurrentLinkedDeque<Cursor> pool = new ConcurrentLinkedDeque<>();
  private final ConcurrentLinkedDeque<Cursor> all = new ConcurrentLinkedDeque<>();
  /** first Scribe position of each cycle -> cycle. */
  private final ConcurrentSkipListMap<Long, Integer> cycleStarts = new ConcurrentSkipListMap<>();

  DocumentReader(SingleChronicleQueue queue, CutSet cuts) {
    this.queue = queue;
    this.rollCycle = queue.rollCycle();
    this.cuts = cuts;
  }

  /** A tailer plus where the last read stopped, so the next read can continue without a search. */
  static final class Cursor {
    final ExcerptTailer tailer;
    long hintPosition = -1;
    long hintIndex = -1;
    boolean tailerAtHint;

    Cursor(ExcerptTailer tailer) {
      this.tailer = tailer;
    }

    void forget() {
      hintPosition = -1;
      hintIndex = -1;
      tailerAtHint = false;
    }
  }

  Cursor borrow() {
    Cursor c = pool.pollFirst();
    if (c == null) {
      c = new Cursor(queue.createTailer());
      all.add(c);
    }
    c.tailer.singleThreadedCheckReset();
    return c;
  }

  void release(Cursor c) {
    pool.offerFirst(c);
  }

  /** Rebuilds the cycle map from the queue (on open, and after documents were cut). */
  void indexCycles() {
    cycleStarts.clear();
    if (queue.firstIndex() == Long.MAX_VALUE) return; // empty queue
    NavigableSet<Long> cycles = queue.listCyclesBetween(queue.firstCycle(), queue.lastCycle());
    Cursor c = borrow();
    try {
      for (long cycle : cycles) {
        if (!c.tailer.moveToCycle((int) cycle)) continue;
        while (true) {
          try (DocumentContext dc = c.tailer.readingDocument()) {
            if (!dc.isPresent() || rollCycle.toCycle(dc.index()) != cycle) break;
            if (cuts.isCut(dc.index())) continue;
            cycleStarts.put(BatchDocument.readHeader(dc.wire().bytes(), -1).first(), (int) cycle);
            break;
          } catch (dev.scribe.eventlog.CorruptLogException e) {
            break; // a corrupt first document: the search then starts at the previous cycle
          }
        }
      }
    } finally {
      c.forget();
      release(c);
    }
  }

  /** The writer started a new cycle at {@code firstPosition}. */
  void cycleStarted(long firstPosition, int cycle) {
    cycleStarts.put(firstPosition, cycle);
  }

  /**
   * Up to {@code max} events at positions {@code from..end}, in order, skipping cut documents.
   * Hashes are not checked here (open and verify do that).
   */
  List<StoredEvent> read(long from, int max, long end) {
    List<StoredEvent> out = new ArrayList<>(Math.max(0, (int) Math.min(max, end - from + 1)));
    if (from > end || max <= 0) return out;
    Cursor c = borrow();
    try {
      position(c, from);
      readInto(c, from, max, end, out);
      return out;
    } catch (RuntimeException e) {
      c.forget();
      throw e;
    } finally {
      release(c);
    }
  }

  private void position(Cursor c, long from) {
    if (from == c.hintPosition) {
      if (!c.tailerAtHint) c.tailer.moveToIndex(c.hintIndex);
      return;
    }
    long index = locate(c.tailer, from);
    if (index < 0) {
      c.tailer.toStart();
    } else {
      c.tailer.moveToIndex(index);
    }
  }

  private void readInto(Cursor c, long from, int max, long end, List<StoredEvent> out) {
    c.forget();
    while (out.size() < max) {
      try (DocumentContext dc = c.tailer.readingDocument()) {
        if (!dc.isPresent()) {
          // Caught up with the writer: the tailer stays here for the next read.
          c.hintPosition = from + out.size();
          c.tailerAtHint = true;
          return;
        }
        long index = dc.index();
        if (cuts.isCut(index)) continue;
        Bytes<?> bytes = dc.wire().bytes();
        BatchDocument.Range range = BatchDocument.readHeader(bytes, from + out.size());
        if (range.last() < from) continue;
        long position = range.first();
        for (; position <= range.last(); position++) {
          if (position > end || out.size() == max) {
            // Stopped inside (or before) this document: remember it for a continuing read.
            c.hintPosition = position;
            c.hintIndex = index;
            c.tailerAtHint = false;
            return;
          }
          if (position < from) {
            BatchDocument.skipRecord(bytes, position);
          } else {
            out.add(BatchDocument.readRecord(bytes, position));
          }
        }
        if (position > end) {
          c.hintPosition = position;
          c.tailerAtHint = true; // the next document starts at `position`
          return;
        }
      }
    }
    c.hintPosition = from + out.size();
    c.tailerAtHint = true;
  }

  /**
   * The Chronicle index of a document at or before the one holding {@code position} (a forward
   * scan from there finds it), or -1 when the search should start at the beginning.
   */
  long locate(ExcerptTailer tailer, long position) {
    Map.Entry<Long, Integer> start = cycleStarts.floorEntry(position);
    if (start == null) return -1;
    int cycle = start.getValue();
    long lo = 0;
    long hi = Math.max(1, tailer.excerptsInCycle(cycle)) - 1;
    // Largest sequence whose key (first position of the first live document at or after it)
    // is <= position. Keys never decrease, so this is a plain binary search.
    while (lo < hi) {
      long mid = (lo + hi + 1) >>> 1;
      long key = key(tailer, rollCycle.toIndex(cycle, mid), cycle);
      if (key <= position) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return rollCycle.toIndex(cycle, lo);
  }

  private long key(ExcerptTailer tailer, long index, int cycle) {
    if (!tailer.moveToIndex(index)) return Long.MAX_VALUE;
    while (true) {
      try (DocumentContext dc = tailer.readingDocument()) {
        if (!dc.isPresent() || rollCycle.toCycle(dc.index()) != cycle) return Long.MAX_VALUE;
        if (cuts.isCut(dc.index())) continue;
        return BatchDocument.readHeader(dc.wire().bytes(), -1).first();
      }
    }
  }

  @Override
  public void close() {
    for (Cursor c : all) {
      c.tailer.singleThreadedCheckReset();
      c.tailer.close();
    }
    all.clear();
    pool.clear();
  }
}
