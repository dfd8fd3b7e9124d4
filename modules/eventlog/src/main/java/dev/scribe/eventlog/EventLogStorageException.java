package dev.scribe.eventlog;

/**
 * The storage failed an append (disk full, I/O error). The batch was not acknowledged; the log
 * stays readable.
 */
public final class EventLogStorageException extends EventLogException {
  private static final long serialVersionUID = 1L;

  public EventLogStorageException(String message) {
    super(message);
  }

  public EventLogStorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
