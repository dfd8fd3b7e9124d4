package dev.scribe.projections;

import dev.scribe.codec.EventCodec;
import dev.scribe.domain.RecordedEvent;
import dev.scribe.eventlog.StoredEvent;
import java.security.MessageDigest;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Decodes each stored event once for all the projections of a runner. Projections follow the log
 * in near lockstep, so the first to reach a position decodes its payload and the others find it in
 * a small ring of recent decodes. Decoded events are immutable and shared as they are. An entry
 * matches only the very stored event it was decoded from (position and hash), so a position the
 * log reused after cutting a torn tail can never hand out a stale event.
 */
final class DecodedEvents {
  private record Slot(long position, byte[] hash, RecordedEvent event) {}

  private final EventCodec codec;
  private final AtomicReferenceArray<Slot> ring;
  private final int mask;

  DecodedEvents(EventCodec codec, int sizePowerOfTwo) {
    if (Integer.bitCount(sizePowerOfTwo) != 1) {
      throw new IllegalArgumentException("size must be a power of two: " + sizePowerOfTwo);
    }
    this.codec = codec;
    this.ring = new AtomicReferenceArray<>(sizePowerOfTwo);
    this.mask = sizePowerOfTwo - 1;
  }

  /** {@code stored} decoded (by this call or an earlier one for the same stored event). */
  RecordedEvent decode(StoredEvent stored) {
    int i = (int) (stored.position() & mask);
    Slot s = ring.get(i);
    if (s != null && s.position() == stored.position() && MessageDigest.isEqual(s.hash(), stored.hash())) {
      return s.event();
    }
    RecordedEvent e = codec.toRecorded(stored);
    ring.set(i, new Slot(stored.position(), stored.hash(), e));
    return e;
  }
}
