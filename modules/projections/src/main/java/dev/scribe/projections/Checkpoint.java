package dev.scribe.projections;

import static java.util.Objects.requireNonNull;

import dev.scribe.eventlog.ReadAll;
import dev.scribe.eventlog.StoredEvent;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a projection's stored state describes: the log position of the last event applied to it, and
 * that event's hash.
 *
 * <p>The hash ties the checkpoint to one particular log. On start the runner compares it with the
 * log's event at that position; a mismatch (or a checkpoint beyond the log's end) means the state
 * was built from events this log does not hold — a replaced data directory, a tail lost under
 * {@code fsync none} — and the projection is rebuilt from position 0 instead of serving it.
 *
 * @param position the last applied position; 0 = nothing applied
 * @param eventHash lower-case hex SHA-256 of the stored event at {@code position} ({@link
 *     dev.scribe.eventlog.StoredEvent#hashHex()}), or {@code ""} when {@code position} is 0 or the
 *     writer did not know it (then only the position is checked)
 */
public record Checkpoint(long position, String eventHash) {
  private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

  /** Nothing applied yet. */
  public static final Checkpoint NONE = new Checkpoint(0, "");

  public Checkpoint {
    requireNonNull(eventHash, "eventHash");
    if (position < 0) throw new IllegalArgumentException("position must be >= 0: " + position);
    if (position == 0 && !eventHash.isEmpty()) {
      throw new IllegalArgumentException("position 0 has no event hash");
    }
    if (!eventHash.isEmpty() && !HEX_SHA256.matcher(eventHash).matches()) {
      throw new IllegalArgumentException("eventHash is not lower-case hex SHA-256: " + eventHash);
    }
  }

  /**
   * Why this checkpoint does not describe {@code log} — it lies beyond the log's end, or the log's
   * event at its position has another hash — or empty when it does. For the runner's start-up check
   * and {@code scribe verify}.
   */
  public Optional<String> mismatchWith(ReadAll log) {
    if (position == 0) return Optional.empty();
    long last = log.lastPosition();
    if (position > last) {
      return Optional.of(
          "the checkpoint is at position " + position + " but the log ends at " + last);
    }
    if (eventHash.isEmpty()) return Optional.empty();
    List<StoredEvent> at = log.readForward(position, 1);
    if (at.isEmpty() || at.get(0).position() != position) {
      return Optional.of("the log has no event at the checkpoint's position " + position);
    }
    if (!at.get(0).hashHex().equals(eventHash)) {
      return Optional.of(
          "the checkpoint's event hash at position "
              + position
              + " differs from the log's (the log was replaced or lost its tail)");
    }
    return Optional.empty();
  }

  /** A checkpoint at {@code position} whose event hash is not known. */
  public static Checkpoint at(long position) {
    return new Checkpoint(position, "");
  }
}
