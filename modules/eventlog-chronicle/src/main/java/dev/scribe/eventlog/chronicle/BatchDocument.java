package dev.scribe.eventlog.chronicle;

import dev.scribe.eventlog.CorruptLogException;
import dev.scribe.eventlog.StoredEvent;
import java.util.List;
import net.openhft.chronicle.bytes.Bytes;

/**
 * The body of one Chronicle document: one or more whole appended batches (the writer puts a
 * group's batches into documents of up to ~64 KB and never splits a batch), so a batch is stored
 * (and survives a crash) all or nothing. Chronicle's own header marks a document complete only once
 * all of it was written; a reader never sees half a batch.
 *
 * <pre>
 * int   MAGIC
 * long  first position
 * int   event count
 * count × (int length, {@link dev.scribe.eventlog.RecordFormat} bytes)
 * </pre>
 */
final class BatchDocument {
  /** "SCR1": a Scribe batch, layout 1. */
  static final int MAGIC = 0x53435231;
  static final int HEADER_BYTES = 4 + 8 + 4;

  private BatchDocument() {}

  /** At most the bytes the document needs for these events (for the disk-space check). */
  static long maxSize(List<StoredEvent> events) {
    long n = HEADER_BYTES;
    for (StoredEvent e : events) n += RecordCodec.maxSize(e);
    return n;
  }

  static void write(Bytes<?> out, List<StoredEvent> events) {
    out.writeInt(MAGIC);
    out.writeLong(events.get(0).position());
    out.writeInt(events.size());
    for (StoredEvent e : events) RecordCodec.write(out, e);
  }

  /** The position range a document holds, read from its header only. */
  record Range(long first, int count) {
    long last() {
      return first + count - 1;
    }

    boolean contains(long position) {
      return position >= first && position <= last();
    }
  }

  /**
   * Reads the header and leaves {@code in} at the first record.
   *
   * @throws CorruptLogException when it is not a well-formed Scribe batch header
   */
  static Range readHeader(Bytes<?> in, long expectedPosition) {
    if (in.readRemaining() < HEADER_BYTES) {
      throw new CorruptLogException(expectedPosition, "document shorter than a batch header");
    }
    int magic = in.readInt();
    if (magic != MAGIC) {
      throw new CorruptLogException(
          expectedPosition, "document is not a Scribe batch (magic " + Integer.toHexString(magic) + ")");
    }
    long first = in.readLong();
    int count = in.readInt();
    if (first < 1 || count < 1) {
      throw new CorruptLogException(
          expectedPosition, "batch header holds position " + first + ", count " + count);
    }
    return new Range(first, count);
  }

  /** Skips the next record. */
  static void skipRecord(Bytes<?> in, long position) {
    RecordCodec.skip(in, position);
  }

  /** Reads and decodes the next record (its hash is not checked here). */
  static StoredEvent readRecord(Bytes<?> in, long position) {
    return RecordCodec.read(in, position);
  }
}
