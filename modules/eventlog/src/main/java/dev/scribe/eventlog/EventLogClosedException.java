package dev.scribe.eventlog;

/** The log was closed; it accepts no more appends. */
public final class EventLogClosedException extends EventLogException {
  private static final long serialVersionUID = 1L;

  public EventLogClosedException() {
    super("The event log is closed");
  }
}
