package dev.scribe.eventlog.chronicle;

import dev.scribe.eventlog.CorruptLogException;
import dev.scribe.eventlog.RecordFormat;
import dev.scribe.eventlog.StoredEvent;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Instant;
import net.openhft.chronicle.bytes.Bytes;

/**
 * {@link RecordFormat} bytes written straight into, and read straight out of, Chronicle's mapped
 * memory. Going through {@code RecordFormat.encode/decode} costs an extra array and copy per event
 * on the single writer thread and on every replay (the profile in BENCHMARKS.md); this produces
 * the identical bytes (big-endian, as RecordFormat), which a test checks against RecordFormat.
 * Each record is preceded by its length as a native-order int, like the rest of the document.
 */
final class RecordCodec {
  private static final boolean SWAP = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
  private static final int FIXED = 1 + 8 + 8 + 8 + 4 + 4 + RecordFormat.HASH_LENGTH + 4
      + RecordFormat.HASH_LENGTH;

  private RecordCodec() {}

  /** Writes the record's length and its RecordFormat bytes. */
  static void write(Bytes<?> out, StoredEvent e) {
    long lengthAt = out.writePosition();
    out.writeInt(0);
    long start = out.writePosition();
    out.writeByte(RecordFormat.FORMAT_V1);
    out.writeLong(be(e.position()));
    out.writeLong(be(e.streamVersion()));
    out.writeLong(be(e.recordedAt().getEpochSecond()));
    out.writeInt(be(e.recordedAt().getNano()));
    out.writeInt(be(e.schemaVersion()));
    writeString(out, e.eventId());
    writeString(out, e.type());
    writeString(out, e.stream());
    writeString(out, e.sessionId());
    writeString(out, e.executionId());
    writeString(out, e.idempotencyKey());
    out.write(e.previousHash());
    out.writeInt(be(e.payload().length));
    out.write(e.payload());
    out.write(e.hash());
    out.writeInt(lengthAt, (int) (out.writePosition() - start));
  }

  /** Upper bound of {@link #write}'s bytes, for the disk-space check. */
  static long maxSize(StoredEvent e) {
    long n = 4 + FIXED + e.payload().length;
    // UTF-8 needs at most 3 bytes per char.
    n += 6 * 4 + 3L * (e.eventId().length() + e.type().length() + e.stream().length()
        + e.sessionId().length() + e.executionId().length() + e.idempotencyKey().length());
    return n;
  }

  /** Reads the next record (length first) expected at {@code position}. */
  static StoredEvent read(Bytes<?> in, long position) {
    if (in.readRemaining() < 4) throw new CorruptLogException(position, "record length missing");
    int length = in.readInt();
    if (length < FIXED || length > in.readRemaining()) {
      throw new CorruptLogException(position, "record length " + length + " does not fit its document");
    }
    long end = in.readPosition() + length;
    try {
      byte format = in.readByte();
      if (format != RecordFormat.FORMAT_V1) {
        throw new CorruptLogException(position, "unknown record format " + format);
      }
      long storedPosition = be(in.readLong());
      long streamVersion = be(in.readLong());
      long seconds = be(in.readLong());
      int nanos = be(in.readInt());
      int schemaVersion = be(in.readInt());
      String eventId = readString(in, end, position);
      String type = readString(in, end, position);
      String stream = readString(in, end, position);
      String sessionId = readString(in, end, position);
      String executionId = readString(in, end, position);
      String idempotencyKey = readString(in, end, position);
      byte[] previousHash = readBytes(in, RecordFormat.HASH_LENGTH, end, position);
      int payloadLength = be(in.readInt());
      if (payloadLength < 0 || in.readPosition() + payloadLength + RecordFormat.HASH_LENGTH != end) {
        throw new CorruptLogException(position, "payload length " + payloadLength + " does not fit");
      }
      byte[] payload = readBytes(in, payloadLength, end, position);
      byte[] hash = readBytes(in, RecordFormat.HASH_LENGTH, end, position);
      return new StoredEvent(
          storedPosition, eventId, type, schemaVersion, stream, streamVersion, sessionId,
          executionId, Instant.ofEpochSecond(seconds, nanos), idempotencyKey, previousHash, hash,
          payload);
    } catch (DateTimeException | IllegalArgumentException e) {
      throw new CorruptLogException(position, "malformed record: " + e);
    }
  }

  /**
   * Reads the next record and checks it the way the chain is defined: the SHA-256 of its stored
   * bytes (hashed as stored, without re-encoding) must equal its hash, its previous hash must be
   * {@code previousHash} and its position {@code expected}. Used on open (the tail) and by verify.
   *
   * @throws CorruptLogException naming {@code expected} and what is wrong
   */
  static StoredEvent readChecked(
      Bytes<?> in, long expected, byte[] previousHash, MessageDigest digest) {
    if (in.readRemaining() < 4) throw new CorruptLogException(expected, "record length missing");
    int length = in.readInt();
    if (length < FIXED || length > in.readRemaining()) {
      throw new CorruptLogException(expected, "record length " + length + " does not fit its document");
    }
    byte[] stored = new byte[length];
    in.read(stored, 0, length);
    digest.reset();
    digest.update(stored, 0, length - RecordFormat.HASH_LENGTH);
    byte[] actual = digest.digest();
    StoredEvent e;
    try {
      e = RecordFormat.decode(stored);
    } catch (CorruptLogException x) {
      throw new CorruptLogException(expected, Recovery.reason(x));
    }
    if (e.position() != expected) {
      throw new CorruptLogException(
          expected, "found position " + e.position() + " where " + expected + " was expected");
    }
    if (!MessageDigest.isEqual(e.previousHash(), previousHash)) {
      throw new CorruptLogException(expected, "previous-hash does not match the preceding event's hash");
    }
    if (!MessageDigest.isEqual(actual, e.hash())) {
      throw new CorruptLogException(expected, "stored hash does not match the stored bytes");
    }
    return e;
  }

  /** Skips the next record (length first). */
  static void skip(Bytes<?> in, long position) {
    if (in.readRemaining() < 4) throw new CorruptLogException(position, "record length missing");
    int length = in.readInt();
    if (length < 0 || length > in.readRemaining()) {
      throw new CorruptLogException(position, "record length " + length + " does not fit its document");
    }
    in.readSkip(length);
  }

  private static void writeString(Bytes<?> out, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(be(b.length));
    out.write(b);
  }

  private static String readString(Bytes<?> in, long end, long position) {
    int n = be(in.readInt());
    return new String(readBytes(in, n, end, position), StandardCharsets.UTF_8);
  }

  private static byte[] readBytes(Bytes<?> in, int n, long end, long position) {
    if (n < 0 || in.readPosition() + n > end) {
      throw new CorruptLogException(position, "field length " + n + " out of bounds");
    }
    byte[] b = new byte[n];
    in.read(b, 0, n);
    return b;
  }

  private static long be(long v) {
    return SWAP ? Long.reverseBytes(v) : v;
  }

  private static int be(int v) {
    return SWAP ? Integer.reverseBytes(v) : v;
  }
}
