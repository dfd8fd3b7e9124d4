package dev.scribe.eventlog;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Where and when the log puts one event, and what it chains to: everything of a stored event's
 * envelope that the event itself ({@link NewEvent}) does not carry, except its own hash.
 *
 * @param idempotencyKey the batch's key, {@code ""} when it has none
 * @param previousHash the hash of the event before it ({@link RecordFormat#GENESIS_HASH} first)
 */
public record Placement(
    long position,
    long streamVersion,
    String eventId,
    Instant recordedAt,
    String idempotencyKey,
    byte[] previousHash) {
  public Placement {
    requireNonNull(eventId, "eventId");
    requireNonNull(recordedAt, "recordedAt");
    requireNonNull(idempotencyKey, "idempotencyKey");
    requireNonNull(previousHash, "previousHash");
  }
}
