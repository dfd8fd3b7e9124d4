package dev.scribe.projections;

import dev.scribe.domain.RecordedEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * A view folded from the event log that owns its state and its checkpoint. Side-effecting
 * projections (a Lucene index, Markdown files) implement this directly; pure in-memory folds use
 * {@link FoldProjection}.
 *
 * <p><b>Checkpoint contract.</b> {@link #checkpoint} must make the state that reflects exactly the
 * events up to {@code checkpoint.position()} durable <em>together with</em> that checkpoint, in one
 * atomic step (Lucene: commit user data; files: data files fsynced first, then a checkpoint file
 * written by temp + fsync + rename, see {@link CheckpointFile}). {@link #open} returns the last
 * checkpoint so made. Never store a position without the state it describes.
 *
 * <p><b>Replay after a crash.</b> Effects of events after the last checkpoint may already be
 * visible in external state when the process dies; after {@link #open} the runner applies those
 * events again. {@code apply} must therefore converge when an event after the checkpoint is applied
 * twice: make it idempotent (update-by-id), or roll external state back to the checkpoint in {@code
 * open}.
 *
 * <p><b>Threading.</b> The runner never calls one projection's methods concurrently and orders
 * every call after the previous one (happens-before), but not always from the same thread: events
 * arrive on the projection's own subscription thread, idle checkpoints on the runner's checkpoint
 * thread, lifecycle calls on the caller of {@link ProjectionRunner#start} or {@link
 * ProjectionRunner#rebuild}. Read accessors a projection offers to tool handlers must be
 * thread-safe on their own.
 */
public interface Projection {

  /**
   * A stable name, used for the projection's directory, its thread and in status reports:
   * lower-case letters, digits, {@code -} and {@code _}, at most 64 characters.
   */
  String name();

  /**
   * Opens the projection and returns the checkpoint its durable state describes ({@link
   * Checkpoint#NONE} when there is none).
   *
   * @param directory the projection's own directory ({@code <base>/<name>/}, created by the runner)
   *     for its checkpoint and any state it keeps; external outputs may live elsewhere
   */
  Checkpoint open(Path directory) throws IOException;

  /** Applies the next event; positions arrive in order without gaps. */
  void apply(RecordedEvent event) throws IOException;

  /**
   * Makes the state after the event at {@code checkpoint.position()} durable with that checkpoint,
   * atomically. Called every N events and when idle, never per event.
   */
  void checkpoint(Checkpoint checkpoint) throws IOException;

  /**
   * Drops all state so that the projection is as if nothing had been applied (position 0). Delete
   * the checkpoint <em>first</em>, then the state: a crash half-way must never leave a checkpoint
   * that describes state which is gone.
   */
  void reset() throws IOException;

  /**
   * The stored type names of the events this projection applies, or empty for all of them. The
   * runner neither decodes nor applies events of other types; it reports them with {@link #skip}.
   */
  default Optional<Set<String>> eventTypes() {
    return Optional.empty();
  }

  /**
   * Whether this projection applies a stored event of {@code type} on {@code stream} (checked for
   * the types {@link #eventTypes()} lets through). The runner neither decodes nor applies the
   * others; it reports them with {@link #skip}. Cheaper than a decode: most events of a busy log
   * (tool-call records, other sessions' streams) concern few projections. Must be exact: an event
   * that could change the projection's state must be applied. Runs on the log tail's reading
   * thread as well as the projection's (to decide whether an event is worth waking it for): it must
   * be pure and must not touch the projection's state.
   */
  default boolean applies(String type, String stream) {
    return true;
  }

  /**
   * An event at {@code position} that this projection does not apply (its type is not in {@link
   * #eventTypes()}, or {@link #applies} said no). The projection's state now reflects the log up
   * to there.
   */
  default void skip(long position) throws IOException {}

  /** Releases resources. Called after the last checkpoint; the projection may be opened again. */
  default void close() throws IOException {}
}
