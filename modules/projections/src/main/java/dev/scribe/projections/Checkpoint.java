package dev.scribe.projections;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * What a projection's stored state describes: the log position of the last event applied to it,
 * and that event's hash.
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

  /** A checkpoint at {@code position} whose event hash is not known. */
  public static Checkpoint at(long position) {
    return new Checkpoint(position, "");
  }
}
