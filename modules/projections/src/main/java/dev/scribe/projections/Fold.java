package dev.scribe.projections;

import java.util.Optional;
import java.util.Set;

import dev.scribe.domain.RecordedEvent;

/**
 * A pure projection: a left fold over the log into an immutable state. No I/O, no clock, no
 * randomness: the same events always give the same state, which is what makes "rebuild from
 * position 0 equals live" hold by construction. Run it with a {@link FoldProjection}.
 *
 * @param <S> the state; must be immutable (it is read from other threads without copying)
 */
public interface Fold<S> {

  /** The state before any event. */
  S initial();

  /** The state after {@code event}; return {@code state} itself for events it ignores. */
  S apply(S state, RecordedEvent event);

  /**
   * The stored type names of the events this fold changes its state for, or empty when it may
   * change it for any event (then every event is applied).
   */
  default Optional<Set<String>> eventTypes() {
    return Optional.empty();
  }

  /** A fold built from one handler per event type, starting with {@code initial}. */
  static <S> FoldBuilder<S> startingWith(S initial) {
    return new FoldBuilder<>(initial);
  }
}
