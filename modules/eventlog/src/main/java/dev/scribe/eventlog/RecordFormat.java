package dev.scribe.eventlog;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;

/**
 * The stored byte form of one event, shared by every implementation so the hash chain means the
 * same everywhere.
 *
 * <pre>
 * byte    format (1)
 * long    position
 * long    streamVersion
 * long    recordedAt epoch second
 * int     recordedAt nano
 * int     schemaVersion
 * str     eventId, type, stream, sessionId, executionId, idempotencyKey   (int length + UTF-8)
 * byte[32] previousHash
 * int     payload length, payload bytes
 * byte[32] hash = SHA-256 of every byte above
 * </pre>
 *
 * Big-endian throughout. The hash covers the previous hash, so changing any stored byte of any
 * event breaks the chain from there on.
 */
public final class RecordFormat {
  /** Version byte of the layout above. */
  public static final byte FORMAT_V1 = 1;

  /** Length of a SHA-256 hash. */
  public static final int HASH_LENGTH = 32;

  /** The previous hash of the first event. */
  public static final byte[] GENESIS_HASH = new byte[HASH_LENGTH];

  private RecordFormat() {}

  /** A fresh SHA-256 digest (digests are not thread-safe: one per thread). */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  /** The stored event for {@code e} placed at {@code at}, its hash computed with {@code digest}. */
  public static StoredEvent seal(NewEvent e, Placement at, MessageDigest digest) {
    byte[] bytes = encode(stored(e, at, GENESIS_HASH));
    digest.reset();
    digest.update(bytes, 0, bytes.length - HASH_LENGTH);
    return stored(e, at, digest.digest());
  }

  /** {@code e} as stored at {@code at}, with {@code hash}. */
  public static StoredEvent stored(NewEvent e, Placement at, byte[] hash) {
    return new StoredEvent(
        at.position(),
        at.eventId(),
        e.type(),
        e.schemaVersion(),
        e.stream(),
        at.streamVersion(),
        e.sessionId(),
        e.executionId(),
        at.recordedAt(),
        at.idempotencyKey(),
        at.previousHash(),
        hash,
        e.payload());
  }

  /** The stored bytes of {@code e}, its own hash last. */
  public static byte[] encode(StoredEvent e) {
    byte[][] strings = {
      utf8(e.eventId()),
      utf8(e.type()),
      utf8(e.stream()),
      utf8(e.sessionId()),
      utf8(e.executionId()),
      utf8(e.idempotencyKey())
    };
    int size = 1 + 8 + 8 + 8 + 4 + 4 + HASH_LENGTH + 4 + e.payload().length + HASH_LENGTH;
    for (byte[] s : strings) size += 4 + s.length;
    ByteBuffer b = ByteBuffer.allocate(size);
    b.put(FORMAT_V1);
    b.putLong(e.position());
    b.putLong(e.streamVersion());
    b.putLong(e.recordedAt().getEpochSecond());
    b.putInt(e.recordedAt().getNano());
    b.putInt(e.schemaVersion());
    for (byte[] s : strings) {
      b.putInt(s.length);
      b.put(s);
    }
    b.put(checkHash(e.previousHash()));
    b.putInt(e.payload().length);
    b.put(e.payload());
    b.put(checkHash(e.hash()));
    return b.array();
  }

  /**
   * Decodes one stored event from {@code bytes} (exactly one record).
   *
   * @throws CorruptLogException when the bytes are not a well-formed record
   */
  public static StoredEvent decode(byte[] bytes) {
    return decode(ByteBuffer.wrap(bytes), bytes.length);
  }

  /**
   * Decodes one stored event of {@code length} bytes at the buffer's position, advancing it.
   *
   * @throws CorruptLogException when the bytes are not a well-formed record
   */
  public static StoredEvent decode(ByteBuffer b, int length) {
    int start = b.position();
    try {
      byte format = b.get();
      if (format != FORMAT_V1) throw new CorruptLogException(-1, "unknown record format " + format);
      long position = b.getLong();
      long streamVersion = b.getLong();
      long seconds = b.getLong();
      int nanos = b.getInt();
      int schemaVersion = b.getInt();
      String eventId = string(b, start + length);
      String type = string(b, start + length);
      String stream = string(b, start + length);
      String sessionId = string(b, start + length);
      String executionId = string(b, start + length);
      String idempotencyKey = string(b, start + length);
      byte[] previousHash = new byte[HASH_LENGTH];
      b.get(previousHash);
      int payloadLength = b.getInt();
      if (payloadLength < 0 || b.position() + payloadLength + HASH_LENGTH != start + length) {
        throw new CorruptLogException(position, "payload length " + payloadLength + " does not fit");
      }
      byte[] payload = new byte[payloadLength];
      b.get(payload);
      byte[] hash = new byte[HASH_LENGTH];
      b.get(hash);
      return new StoredEvent(
          position,
          eventId,
          type,
          schemaVersion,
          stream,
          streamVersion,
          sessionId,
          executionId,
          Instant.ofEpochSecond(seconds, nanos),
          idempotencyKey,
          previousHash,
          hash,
          payload);
    } catch (BufferUnderflowException | IllegalArgumentException | java.time.DateTimeException e) {
      throw new CorruptLogException(-1, "truncated or malformed record: " + e);
    }
  }

  /** Whether {@code e.hash()} is the SHA-256 of its stored bytes. */
  public static boolean hashMatches(StoredEvent e, MessageDigest digest) {
    byte[] bytes = encode(e);
    digest.reset();
    digest.update(bytes, 0, bytes.length - HASH_LENGTH);
    return MessageDigest.isEqual(digest.digest(), e.hash());
  }

  /**
   * Checks that {@code e} follows an event with hash {@code previousHash} at {@code
   * expectedPosition} and that its own hash is right.
   *
   * @throws CorruptLogException naming the position and what is wrong
   */
  public static void verifyLink(
      StoredEvent e, long expectedPosition, byte[] previousHash, MessageDigest digest) {
    if (e.position() != expectedPosition) {
      throw new CorruptLogException(
          expectedPosition, "found position " + e.position() + " where " + expectedPosition
              + " was expected");
    }
    if (!Arrays.equals(e.previousHash(), previousHash)) {
      throw new CorruptLogException(
          e.position(), "previous-hash does not match the preceding event's hash");
    }
    if (!hashMatches(e, digest)) {
      throw new CorruptLogException(e.position(), "stored hash does not match the stored bytes");
    }
  }

  private static byte[] checkHash(byte[] h) {
    if (h.length != HASH_LENGTH) throw new IllegalArgumentException("hash must be 32 bytes");
    return h;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String string(ByteBuffer b, int limit) {
    int n = b.getInt();
    if (n < 0 || b.position() + n > limit) {
      throw new IllegalArgumentException("string length " + n + " out of bounds");
    }
    String s = new String(b.array(), b.arrayOffset() + b.position(), n, StandardCharsets.UTF_8);
    b.position(b.position() + n);
    return s;
  }
}
