package dev.scribe.eventlog;

/** Stored data failed to decode or its hash chain broke at {@link #position()}. */
public final class CorruptLogException extends EventLogException {
  private static final long serialVersionUID = 1L;

  private final long position;

  public CorruptLogException(long position, String reason) {
    super("Event log damaged at position " + position + ": " + reason);
    this.position = position;
  }

  /** The first position found damaged. */
  public long position() {
    return position;
  }
}
