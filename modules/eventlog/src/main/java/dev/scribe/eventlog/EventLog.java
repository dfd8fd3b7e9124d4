package dev.scribe.eventlog;

/**
 * The append-only log, Scribe's only source of truth. Components that only read receive the
 * narrower port they need ({@link ReadAll}, {@link ReadStream}, {@link TailEvents}).
 */
public interface EventLog extends AppendEvents, ReadAll, ReadStream, TailEvents, AutoCloseable {

  /**
   * Stops accepting appends, completes or fails those in flight, stops subscriptions and releases
   * storage. Idempotent.
   */
  @Override
  void close();
}
