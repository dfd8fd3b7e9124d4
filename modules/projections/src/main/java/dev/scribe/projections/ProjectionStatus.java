package dev.scribe.projections;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One projection's health, for {@code health_check}, metrics and {@code scribe verify}.
 *
 * @param lastApplied the position its state is current through (0 = none): the last event applied,
 *     or later when the events after it are ones it only skips and the log's tail has not handed
 *     them over yet (it wakes a projection only for events it applies)
 * @param lastCheckpoint the position its durable checkpoint describes
 * @param logPosition the log's last acknowledged position when the status was taken
 * @param failure why it is {@link ProjectionState#FAILED}; null otherwise
 */
public record ProjectionStatus(
    String name,
    ProjectionState state,
    long lastApplied,
    long lastCheckpoint,
    long logPosition,
    @Nullable ProjectionFailure failure) {
  public ProjectionStatus {
    requireNonNull(name, "name");
    requireNonNull(state, "state");
  }

  /** How many acknowledged events it has not applied yet. */
  public long lag() {
    return Math.max(0, logPosition - lastApplied);
  }

  public Optional<ProjectionFailure> failureIfAny() {
    return Optional.ofNullable(failure);
  }
}
