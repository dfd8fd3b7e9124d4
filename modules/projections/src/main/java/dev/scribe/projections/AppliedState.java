package dev.scribe.projections;

import static java.util.Objects.requireNonNull;

/**
 * A fold's state together with the position it describes, read atomically: a tool handler that
 * awaited its own write at position p sees {@code position() >= p}.
 */
public record AppliedState<S>(long position, S state) {
  public AppliedState {
    requireNonNull(state, "state");
    if (position < 0) throw new IllegalArgumentException("position must be >= 0");
  }
}
