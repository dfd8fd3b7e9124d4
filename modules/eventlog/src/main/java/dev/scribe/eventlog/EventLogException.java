package dev.scribe.eventlog;

/** Base of every failure the event log reports. Unchecked, as callers rarely recover locally. */
public class EventLogException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EventLogException(String message) {
    super(message);
  }

  public EventLogException(String message, Throwable cause) {
    super(message, cause);
  }
}
