package dev.scribe.eventlog;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * An event to append. The log assigns its position, event id, recorded time, stream version and
 * hashes.
 *
 * @param type the event type name (e.g. {@code EntryAppended})
 * @param schemaVersion the payload's schema version (≥ 1)
 * @param stream the stream the event belongs to (non-empty)
 * @param sessionId the session that caused it, or {@code ""}
 * @param executionId the tool call that caused it, or {@code ""}
 * @param payload the encoded payload (JSON for Scribe's own events); owned by the log once given
 */
public record NewEvent(
    String type,
    int schemaVersion,
    String stream,
    String sessionId,
    String executionId,
    byte[] payload) {
  public NewEvent {
    requireNonNull(type, "type");
    requireNonNull(stream, "stream");
    requireNonNull(sessionId, "sessionId");
    requireNonNull(executionId, "executionId");
    requireNonNull(payload, "payload");
    if (type.isEmpty()) throw new IllegalArgumentException("event type must not be empty");
    if (stream.isEmpty()) throw new IllegalArgumentException("stream must not be empty");
    if (schemaVersion < 1) throw new IllegalArgumentException("schemaVersion must be >= 1");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NewEvent e
        && type.equals(e.type)
        && schemaVersion == e.schemaVersion
        && stream.equals(e.stream)
        && sessionId.equals(e.sessionId)
        && executionId.equals(e.executionId)
        && Arrays.equals(payload, e.payload);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * type.hashCode() + stream.hashCode()) + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "NewEvent[" + type + " v" + schemaVersion + " on " + stream + ", " + payload.length
        + " bytes]";
  }
}
