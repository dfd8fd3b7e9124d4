package dev.scribe.eventlog;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * An event as stored: the envelope the log assigned plus the payload bytes.
 *
 * @param position global position, gap-free from 1
 * @param eventId unique id
 * @param streamVersion the event's 1-based place in its stream
 * @param recordedAt when it was recorded (the log's injected clock)
 * @param idempotencyKey the key of the batch it was appended in, or {@code ""}
 * @param previousHash SHA-256 of the previous event's stored bytes (32 zero bytes for the first)
 * @param hash SHA-256 of this event's stored bytes ({@link RecordFormat})
 */
public record StoredEvent(
    long position,
    String eventId,
    String type,
    int schemaVersion,
    String stream,
    long streamVersion,
    String sessionId,
    String executionId,
    Instant recordedAt,
    String idempotencyKey,
    byte[] previousHash,
    byte[] hash,
    byte[] payload) {

  public StoredEvent {
    requireNonNull(eventId, "eventId");
    requireNonNull(type, "type");
    requireNonNull(stream, "stream");
    requireNonNull(sessionId, "sessionId");
    requireNonNull(executionId, "executionId");
    requireNonNull(recordedAt, "recordedAt");
    requireNonNull(idempotencyKey, "idempotencyKey");
    requireNonNull(previousHash, "previousHash");
    requireNonNull(hash, "hash");
    requireNonNull(payload, "payload");
  }

  /** The idempotency key, if the batch had one. */
  public Optional<String> idempotencyKeyIfAny() {
    return idempotencyKey.isEmpty() ? Optional.empty() : Optional.of(idempotencyKey);
  }

  /** The hash as lower-case hex. */
  public String hashHex() {
    return HexFormat.of().formatHex(hash);
  }

  /** The previous event's hash as lower-case hex. */
  public String previousHashHex() {
    return HexFormat.of().formatHex(previousHash);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredEvent e
        && position == e.position
        && eventId.equals(e.eventId)
        && type.equals(e.type)
        && schemaVersion == e.schemaVersion
        && stream.equals(e.stream)
        && streamVersion == e.streamVersion
        && sessionId.equals(e.sessionId)
        && executionId.equals(e.executionId)
        && recordedAt.equals(e.recordedAt)
        && idempotencyKey.equals(e.idempotencyKey)
        && Arrays.equals(previousHash, e.previousHash)
        && Arrays.equals(hash, e.hash)
        && Arrays.equals(payload, e.payload);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(position) * 31 + Arrays.hashCode(hash);
  }

  @Override
  public String toString() {
    return "StoredEvent[#" + position + " " + type + " v" + schemaVersion + " " + stream + "@"
        + streamVersion + " session=" + sessionId + " exec=" + executionId + " at " + recordedAt
        + ", " + payload.length + " bytes, hash=" + hashHex().substring(0, 12) + "…]";
  }
}
