package dev.scribe.tools.ports;

import dev.scribe.domain.rotation.Segment;
import java.util.Optional;

/**
 * The Markdown view's current segments, for rotation decisions ({@code rotate_log}, and
 * size-triggered auto-rotation in {@code append_entry}, B46).
 *
 * <p>Use: wait until the view named {@link #viewName()} has applied the log's last position
 * ({@code ProjectionRunner.awaitApplied}), take {@link #current}, decide with {@link
 * dev.scribe.domain.rotation.RotationPlanner} (archive name via {@link #pathTaken}, then {@code
 * RotationPlanner.rotation(segment, id, archive)}), and append the {@code LogRotated} (on {@code
 * project-<name>}) expecting exactly {@link Segment#streamVersions()} for every stream listed; on
 * a version conflict take the segment again and retry.
 *
 * <p>Thread-safe: answers from an immutable snapshot of the view.
 */
public interface LogSegments {

  /** The projection to await before {@link #current}. */
  String viewName();

  /**
   * The current segment of {@code project}'s log {@code logType} (a wire name: {@code progress},
   * {@code bugs}, {@code security}, {@code doc_updates}, {@code global}; an unknown name means the
   * progress log, as for entries). Empty when the view knows no such (live) project.
   */
  Optional<Segment> current(String project, String logType);

  /**
   * The current segment's size as the view last wrote it, without waiting or locking: a hint for
   * whether a rotation may be due (then await the view and decide on {@link #current}).
   */
  default long sizeHint(String project, String logType) {
    return current(project, logType).map(Segment::byteSize).orElse(0L);
  }

  /**
   * Whether an archive may not be written to {@code path}: a file exists there, or an earlier
   * rotation (possibly not yet applied to disk) already archived to it.
   */
  boolean pathTaken(String path);
}
