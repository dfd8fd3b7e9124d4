package dev.scribe.eventlog.chronicle;

import dev.scribe.eventlog.NewEvent;
import dev.scribe.eventlog.Placement;
import dev.scribe.eventlog.RecordFormat;
import dev.scribe.eventlog.StoredEvent;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;

/**
 * Seals events on the writer thread by encoding each {@link RecordFormat} record exactly once,
 * into a reused buffer, and hashing it there: {@code RecordFormat.seal} encodes into a fresh array
 * only to hash it, and the document write then encoded the record a second time (the profile in
 * BENCHMARKS.md). The buffer holds a whole batch as it is stored in a {@link BatchDocument} (each
 * record preceded by its length as a native-order int, as {@link RecordCodec} writes it), so the
 * batch goes into Chronicle with one copy. A test checks the bytes against RecordFormat.
 *
 * <p>Not thread-safe: one per writer thread.
 */
final class RecordSealer {
  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT_BE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  /** Chronicle's Bytes write ints in native order; the record length prefix is one of them. */
  private static final VarHandle INT_NATIVE =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());
  private static final int HASH = RecordFormat.HASH_LENGTH;

  private final MessageDigest digest = RecordFormat.sha256();
  private byte[] buf = new byte[1 << 16];
  private int size;

  /** Starts a new batch: the buffer is emptied. */
  void reset() {
    size = 0;
  }

  /** The batch's bytes so far: {@code buffer()[0, size())}. */
  byte[] buffer() {
    return buf;
  }

  int size() {
    return size;
  }

  /**
   * Appends {@code e} sealed at {@code at} (its length prefix, then its RecordFormat bytes ending
   * in its hash) and returns the stored event, whose hash is the new chain head.
   */
  StoredEvent seal(NewEvent e, Placement at) {
    byte[] payload = e.payload();
    String eventId = at.eventId();
    String idempotencyKey = at.idempotencyKey();
    Instant recordedAt = at.recordedAt();
    // Exact for ASCII strings; a longer (non-ASCII) string grows the buffer again when met.
    ensure(4 + 1 + 8 + 8 + 8 + 4 + 4 + 6 * 4 + HASH + 4 + payload.length + HASH
        + eventId.length() + e.type().length() + e.stream().length() + e.sessionId().length()
        + e.executionId().length() + idempotencyKey.length());
    int lengthAt = size;
    int start = size + 4;
    int p = start;
    byte[] b = buf;
    b[p++] = RecordFormat.FORMAT_V1;
    LONG_BE.set(b, p, at.position());
    LONG_BE.set(b, p + 8, at.streamVersion());
    LONG_BE.set(b, p + 16, recordedAt.getEpochSecond());
    INT_BE.set(b, p + 24, recordedAt.getNano());
    INT_BE.set(b, p + 28, e.schemaVersion());
    size = p + 32;
    putString(eventId);
    putString(e.type());
    putString(e.stream());
    putString(e.sessionId());
    putString(e.executionId());
    putString(idempotencyKey);
    ensure(HASH + 4 + payload.length + HASH);
    b = buf;
    p = size;
    System.arraycopy(at.previousHash(), 0, b, p, HASH);
    p += HASH;
    INT_BE.set(b, p, payload.length);
    p += 4;
    System.arraycopy(payload, 0, b, p, payload.length);
    p += payload.length;
    digest.update(b, start, p - start);
    try {
      digest.digest(b, p, HASH);
    } catch (DigestException x) {
      throw new IllegalStateException("SHA-256 digest into a 32-byte slot failed", x);
    }
    byte[] hash = Arrays.copyOfRange(b, p, p + HASH);
    p += HASH;
    INT_NATIVE.set(b, lengthAt, p - start);
    size = p;
    return RecordFormat.stored(e, at, hash);
  }

  /** An int length and the UTF-8 bytes; ASCII (the usual case) without an intermediate array. */
  private void putString(String s) {
    int n = s.length();
    ensure(4 + n);
    byte[] b = buf;
    int at = size + 4;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        putUtf8(s);
        return;
      }
      b[at + i] = (byte) c;
    }
    INT_BE.set(b, size, n);
    size = at + n;
  }

  private void putUtf8(String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    ensure(4 + utf8.length);
    INT_BE.set(buf, size, utf8.length);
    System.arraycopy(utf8, 0, buf, size + 4, utf8.length);
    size += 4 + utf8.length;
  }

  private void ensure(int more) {
    long needed = (long) size + more;
    if (needed > buf.length) {
      if (needed > Integer.MAX_VALUE - 16) {
        throw new IllegalArgumentException("batch too large to store: " + needed + " bytes");
      }
      buf = Arrays.copyOf(buf, (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 16, 2L * buf.length)));
    }
  }
}
