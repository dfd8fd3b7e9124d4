package dev.scribe.eventlog;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a writer must know to accept a batch: the last position and hash, every stream's
 * positions, and every idempotency key's original batch. Rebuilt from the log on open (every
 * field is derivable from the stored events); shared by every implementation so that the append
 * rules are the same everywhere.
 *
 * <p>Not thread-safe: owned by the log's single writer.
 */
public final class LogIndex {
  private long lastPosition;
  private byte[] lastHash = RecordFormat.GENESIS_HASH;
  private final Map<String, LongList> streams = new HashMap<>();
  private final Map<String, long[]> idempotencyKeys = new HashMap<>();

  /** The last position applied, 0 when none. */
  public long lastPosition() {
    return lastPosition;
  }

  /** The hash of the last event applied (the genesis hash when none). */
  public byte[] lastHash() {
    return lastHash.clone();
  }

  /** A stream's version (its event count). */
  public long streamVersion(String stream) {
    LongList l = streams.get(stream);
    return l == null ? 0 : l.size();
  }

  /** The position of the stream's event at 1-based {@code version}. */
  public long positionOf(String stream, long version) {
    LongList l = streams.get(stream);
    if (l == null || version < 1 || version > l.size()) {
      throw new IndexOutOfBoundsException(stream + "@" + version);
    }
    return l.get((int) (version - 1));
  }

  /**
   * Checks a batch against the rules without sealing it (a writer that seals the events itself
   * calls this, then {@link #apply} once they are stored).
   *
   * @throws DuplicateAppendException when the idempotency key was used before
   * @throws ExpectedVersionMismatchException when an expectation does not hold
   */
  public void check(AppendRequest request) {
    if (request.idempotencyKey().isPresent()) {
      long[] original = idempotencyKeys.get(request.idempotencyKey().get());
      if (original != null) {
        throw new DuplicateAppendException(
            request.idempotencyKey().get(), original[0], original[1]);
      }
    }
    request
        .expectedVersions()
        .forEach(
            (stream, expected) -> {
              long actual = streamVersion(stream);
              if (!expected.isSatisfiedBy(actual)) {
                throw new ExpectedVersionMismatchException(stream, expected, actual, lastPosition());
              }
            });
  }

  /** Seals one event at its placement: into a fresh record, or into a writer's reused buffer. */
  @FunctionalInterface
  public interface EventSealer {
    StoredEvent seal(NewEvent event, Placement placement);
  }

  /**
   * Checks a batch against the rules and seals it: positions, stream versions, ids, time and
   * hashes. Does not change the index; {@link #apply} does once the batch is stored.
   *
   * @throws DuplicateAppendException when the idempotency key was used before
   * @throws ExpectedVersionMismatchException when an expectation does not hold
   */
  public List<StoredEvent> seal(
      AppendRequest request, Instant now, Supplier<String> eventIds, MessageDigest digest) {
    return seal(request, now, eventIds, (e, placement) -> RecordFormat.seal(e, placement, digest));
  }

  /** {@link #seal(AppendRequest, Instant, Supplier, MessageDigest)} with the given sealer. */
  public List<StoredEvent> seal(
      AppendRequest request, Instant now, Supplier<String> eventIds, EventSealer sealer) {
    check(request);
    String key = request.idempotencyKey().orElse("");
    List<NewEvent> events = request.events();
    if (events.size() == 1) { // most batches: no version map
      NewEvent e = events.get(0);
      long version = streamVersion(e.stream()) + 1;
      return List.of(
          sealer.seal(
              e, new Placement(lastPosition + 1, version, eventIds.get(), now, key, lastHash)));
    }
    Map<String, Long> versions = new HashMap<>();
    List<StoredEvent> sealed = new ArrayList<>(events.size());
    byte[] previous = lastHash;
    long position = lastPosition;
    for (NewEvent e : events) {
      long version = versions.getOrDefault(e.stream(), streamVersion(e.stream())) + 1;
      versions.put(e.stream(), version);
      StoredEvent s =
          sealer.seal(e, new Placement(++position, version, eventIds.get(), now, key, previous));
      previous = s.hash();
      sealed.add(s);
    }
    return sealed;
  }

  /**
   * Records stored events, in order, continuing the chain.
   *
   * @throws CorruptLogException when an event does not continue the chain (gap, wrong previous
   *     hash)
   */
  public void apply(StoredEvent e) {
    if (e.position() != lastPosition + 1) {
      throw new CorruptLogException(
          e.position(), "expected position " + (lastPosition + 1) + " next");
    }
    if (!MessageDigest.isEqual(e.previousHash(), lastHash)) {
      throw new CorruptLogException(e.position(), "previous-hash does not continue the chain");
    }
    LongList positions = streams.computeIfAbsent(e.stream(), s -> new LongList());
    if (e.streamVersion() != positions.size() + 1) {
      throw new CorruptLogException(
          e.position(),
          "stream " + e.stream() + " version " + e.streamVersion() + " where "
              + (positions.size() + 1) + " was expected");
    }
    positions.add(e.position());
    if (!e.idempotencyKey().isEmpty()) {
      long[] range = idempotencyKeys.get(e.idempotencyKey());
      if (range == null) {
        idempotencyKeys.put(e.idempotencyKey(), new long[] {e.position(), e.position()});
      } else {
        range[1] = e.position();
      }
    }
    lastPosition = e.position();
    lastHash = e.hash();
  }

  /** Records a whole sealed batch. */
  public void applyAll(List<StoredEvent> batch) {
    for (StoredEvent e : batch) apply(e);
  }

  /**
   * Writes the whole index in a stable binary form, so a durable log can keep a snapshot and open
   * without replaying its history. {@link #readFrom} reads it back.
   */
  public void writeTo(DataOutput out) throws IOException {
    out.writeLong(lastPosition);
    out.write(lastHash);
    out.writeInt(streams.size());
    for (Map.Entry<String, LongList> s : streams.entrySet()) {
      writeString(out, s.getKey());
      LongList positions = s.getValue();
      out.writeInt(positions.size());
      for (int i = 0; i < positions.size(); i++) out.writeLong(positions.get(i));
    }
    out.writeInt(idempotencyKeys.size());
    for (Map.Entry<String, long[]> k : idempotencyKeys.entrySet()) {
      writeString(out, k.getKey());
      out.writeLong(k.getValue()[0]);
      out.writeLong(k.getValue()[1]);
    }
  }

  /**
   * Reads an index written by {@link #writeTo}. The caller must check it against the log (e.g.
   * that the event at {@link #lastPosition()} has {@link #lastHash()}).
   *
   * @throws IOException when the input ends early or is malformed
   */
  public static LogIndex readFrom(DataInput in) throws IOException {
    LogIndex index = new LogIndex();
    index.lastPosition = in.readLong();
    byte[] hash = new byte[RecordFormat.HASH_LENGTH];
    in.readFully(hash);
    index.lastHash = hash;
    int streamCount = in.readInt();
    if (streamCount < 0) throw new IOException("negative stream count");
    for (int s = 0; s < streamCount; s++) {
      String stream = readString(in);
      int size = in.readInt();
      if (size < 0) throw new IOException("negative stream size");
      LongList positions = new LongList();
      for (int i = 0; i < size; i++) positions.add(in.readLong());
      index.streams.put(stream, positions);
    }
    int keyCount = in.readInt();
    if (keyCount < 0) throw new IOException("negative key count");
    for (int k = 0; k < keyCount; k++) {
      String key = readString(in);
      index.idempotencyKeys.put(key, new long[] {in.readLong(), in.readLong()});
    }
    return index;
  }

  private static void writeString(DataOutput out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(DataInput in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > (1 << 24)) throw new IOException("string length " + n + " out of range");
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
