package dev.scribe.eventlog.tck;

import dev.scribe.eventlog.EventLog;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * What an implementation gives the conformance suite: logs opened on one piece of storage, so the
 * suite can close a log and reopen it.
 */
public interface EventLogFixture extends AutoCloseable {

  /**
   * Opens a log on this fixture's storage. Only one log is open at a time; opening after closing
   * the previous one must find everything it acknowledged.
   */
  EventLog open(Clock clock, Supplier<String> eventIds);

  /** Releases the storage (deletes files). */
  @Override
  void close();
}
