package dev.scribe.eventlog;

/**
 * An acknowledged batch: durable under the log's fsync policy.
 *
 * @param firstPosition the position of the batch's first event
 * @param lastPosition the position of its last event ({@code firstPosition + size - 1})
 */
public record AppendResult(long firstPosition, long lastPosition) {
  public AppendResult {
    if (firstPosition < 1 || lastPosition < firstPosition) {
      throw new IllegalArgumentException(
          "invalid positions " + firstPosition + ".." + lastPosition);
    }
  }

  /** Number of events in the batch. */
  public int size() {
    return (int) (lastPosition - firstPosition + 1);
  }
}
