package dev.scribe.projections;

/** Where a projection is in its life. */
public enum ProjectionState {
  /** Applying events that were in the log before it caught up for the first time. */
  CATCHING_UP,
  /** Has reached the log's end at least once and follows new events as they are acknowledged. */
  LIVE,
  /** Stopped by an error (see {@link ProjectionStatus#failure()}); the others keep running. */
  FAILED,
  /** Not started, or stopped with the runner. */
  STOPPED
}
