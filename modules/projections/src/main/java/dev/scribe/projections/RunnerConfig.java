package dev.scribe.projections;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a {@link ProjectionRunner} stores and paces checkpoints.
 *
 * @param baseDirectory each projection gets {@code <baseDirectory>/<name>/} (the server uses {@code
 *     <data>/projections})
 * @param checkpointEvery checkpoint after this many applied events even while busy (events a
 *     projection only skips do not count: they are checkpointed once it is idle or caught up)
 * @param idleCheckpointInterval how often the runner looks for projections that have applied events
 *     since their last checkpoint and are idle or caught up, and checkpoints them
 */
public record RunnerConfig(
    Path baseDirectory, int checkpointEvery, Duration idleCheckpointInterval) {
  public static final int DEFAULT_CHECKPOINT_EVERY = 1000;
  public static final Duration DEFAULT_IDLE_CHECKPOINT_INTERVAL = Duration.ofSeconds(1);

  public RunnerConfig {
    requireNonNull(baseDirectory, "baseDirectory");
    requireNonNull(idleCheckpointInterval, "idleCheckpointInterval");
    if (checkpointEvery < 1) throw new IllegalArgumentException("checkpointEvery must be >= 1");
    if (idleCheckpointInterval.isNegative() || idleCheckpointInterval.isZero()) {
      throw new IllegalArgumentException("idleCheckpointInterval must be positive");
    }
  }

  /** Checkpoint every 1000 events and after 1 s idle. */
  public static RunnerConfig defaults(Path baseDirectory) {
    return new RunnerConfig(
        baseDirectory, DEFAULT_CHECKPOINT_EVERY, DEFAULT_IDLE_CHECKPOINT_INTERVAL);
  }

  public RunnerConfig withCheckpointEvery(int events) {
    return new RunnerConfig(baseDirectory, events, idleCheckpointInterval);
  }

  public RunnerConfig withIdleCheckpointInterval(Duration interval) {
    return new RunnerConfig(baseDirectory, checkpointEvery, interval);
  }
}
