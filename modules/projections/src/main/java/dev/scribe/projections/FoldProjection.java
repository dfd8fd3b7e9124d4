package dev.scribe.projections;

import static java.util.Objects.requireNonNull;

import dev.scribe.domain.RecordedEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a pure {@link Fold} as a {@link Projection}, and is the thread-safe read side tool handlers
 * query: {@link #current()} returns the latest state with its position, without locking.
 *
 * <p>{@linkplain #inMemory In memory}, the state is rebuilt from position 0 on every start (cheap
 * views such as "recent entries"). {@linkplain #snapshotted Snapshotted}, each checkpoint writes
 * the encoded state and its position into one {@link CheckpointFile} ({@code
 * <base>/<name>/checkpoint}), and start resumes from there. A snapshot that cannot be read or
 * decoded is only a lost cache: the projection logs it, deletes it and rebuilds from position 0.
 */
public final class FoldProjection<S> implements Projection {
  private static final Logger LOG = LoggerFactory.getLogger(FoldProjection.class);
  static final String CHECKPOINT_FILE = "checkpoint";

  private final String name;
  private final Fold<S> fold;
  private final @Nullable StateCodec<S> codec;
  private final AppliedState<S> initial;
  private volatile AppliedState<S> current;
  private @Nullable Path file;

  private FoldProjection(String name, Fold<S> fold, @Nullable StateCodec<S> codec) {
    this.name = requireNonNull(name, "name");
    this.fold = requireNonNull(fold, "fold");
    this.codec = codec;
    this.initial = new AppliedState<>(0, requireNonNull(fold.initial(), "fold.initial()"));
    this.current = initial;
  }

  /** A fold kept in memory only and rebuilt from position 0 on each start. */
  public static <S> FoldProjection<S> inMemory(String name, Fold<S> fold) {
    return new FoldProjection<>(name, fold, null);
  }

  /** A fold whose state is snapshotted with each checkpoint and resumed from on start. */
  public static <S> FoldProjection<S> snapshotted(String name, Fold<S> fold, StateCodec<S> codec) {
    return new FoldProjection<>(name, fold, requireNonNull(codec, "codec"));
  }

  @Override
  public String name() {
    return name;
  }

  /** The latest state and the position it reflects. Thread-safe, lock-free. */
  public AppliedState<S> current() {
    return current;
  }

  /** The latest state. Thread-safe, lock-free. */
  public S state() {
    return current.state();
  }

  @Override
  public Checkpoint open(Path directory) throws IOException {
    current = initial;
    if (codec == null) return Checkpoint.NONE;
    Path f = directory.resolve(CHECKPOINT_FILE);
    file = f;
    Optional<CheckpointFile.Contents> stored;
    try {
      stored = CheckpointFile.read(f);
    } catch (CorruptCheckpointException e) {
      return dropSnapshot(f, e);
    }
    if (stored.isEmpty()) return Checkpoint.NONE;
    Checkpoint cp = stored.get().checkpoint();
    S state;
    try {
      state = requireNonNull(codec.decode(stored.get().state()), "decoded state");
    } catch (RuntimeException e) {
      return dropSnapshot(f, e);
    }
    current = new AppliedState<>(cp.position(), state);
    return cp;
  }

  private Checkpoint dropSnapshot(Path f, Exception why) throws IOException {
    LOG.warn(
        "Projection '{}': snapshot {} is unusable ({}); rebuilding from position 0",
        name,
        f,
        why.getMessage());
    CheckpointFile.delete(f);
    current = initial;
    return Checkpoint.NONE;
  }

  @Override
  public Optional<Set<String>> eventTypes() {
    return fold.eventTypes();
  }

  @Override
  public void skip(long position) {
    current = new AppliedState<>(position, current.state());
  }

  @Override
  public void apply(RecordedEvent event) {
    S next = fold.apply(current.state(), event);
    if (next == null) {
      throw new IllegalStateException(
          "Fold '" + name + "' returned null for " + event.event().typeName());
    }
    current = new AppliedState<>(event.position(), next);
  }

  @Override
  public void checkpoint(Checkpoint checkpoint) throws IOException {
    if (codec == null || file == null) return;
    AppliedState<S> now = current;
    if (now.position() != checkpoint.position()) {
      throw new IllegalStateException(
          "Projection '"
              + name
              + "' is at position "
              + now.position()
              + ", asked to checkpoint "
              + checkpoint.position());
    }
    CheckpointFile.write(file, checkpoint, codec.encode(now.state()));
  }

  @Override
  public void reset() throws IOException {
    if (file != null) CheckpointFile.delete(file);
    current = initial;
  }
}
