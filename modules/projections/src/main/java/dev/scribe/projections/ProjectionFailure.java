package dev.scribe.projections;

import static java.util.Objects.requireNonNull;

/**
 * Why a projection stopped.
 *
 * @param stage what it was doing
 * @param position the position of the event being decoded or applied; for the other stages, the
 *     position the projection had applied
 * @param error the exception's class and message
 */
public record ProjectionFailure(Stage stage, long position, String error) {

  /** What the projection was doing when it failed. */
  public enum Stage {
    OPEN,
    DECODE,
    APPLY,
    CHECKPOINT,
    RESET,
    /** Reading the log (the projection's subscription ended). */
    READ
  }

  public ProjectionFailure {
    requireNonNull(stage, "stage");
    requireNonNull(error, "error");
  }
}
