package dev.scribe.codec;

/** A stored event's type or schema version is not one this build can decode. */
public final class UnknownEventTypeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnknownEventTypeException(String type, int schemaVersion, long position) {
    super(
        "Cannot decode event type '" + type + "' v" + schemaVersion + " at position " + position);
  }
}
