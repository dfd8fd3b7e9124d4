package dev.scribe.eventlog;

/**
 * A batch with this idempotency key was already appended; nothing new was written. Carries the
 * positions of the original batch, so a retry can answer with the original result.
 */
public final class DuplicateAppendException extends EventLogException {
  private static final long serialVersionUID = 1L;

  private final String idempotencyKey;
  private final long firstPosition;
  private final long lastPosition;

  public DuplicateAppendException(String idempotencyKey, long firstPosition, long lastPosition) {
    super(
        "Idempotency key '" + idempotencyKey + "' was already used by positions " + firstPosition
            + ".." + lastPosition);
    this.idempotencyKey = idempotencyKey;
    this.firstPosition = firstPosition;
    this.lastPosition = lastPosition;
  }

  public String idempotencyKey() {
    return idempotencyKey;
  }

  /** The original batch's positions. */
  public AppendResult original() {
    return new AppendResult(firstPosition, lastPosition);
  }
}
