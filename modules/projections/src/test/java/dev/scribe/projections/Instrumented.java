package dev.scribe.projections;

import dev.scribe.domain.RecordedEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Wraps a projection for tests: counts applies, records checkpoints, and on demand throws at a
 * position, blocks in apply, fails checkpoints, or "crashes" (checkpoints and close become no-ops,
 * as if the process died before persisting).
 */
final class Instrumented<P extends Projection> implements Projection {
  final P inner;
  final AtomicInteger applies = new AtomicInteger();
  final BlockingQueue<Checkpoint> checkpoints = new LinkedBlockingQueue<>();
  volatile long failAt;
  volatile boolean crashed;
  volatile boolean failCheckpoints;
  volatile boolean failOpen;
  volatile @Nullable CountDownLatch gate;
  final CountDownLatch blocked = new CountDownLatch(1);

  /**
   * Whether the wrapper passes on the inner projection's event filter ({@link #eventTypes}, {@link
   * #applies}); without it every event is applied (and counted), which most tests count on.
   */
  private final boolean filters;

  Instrumented(P inner) {
    this(inner, false);
  }

  private Instrumented(P inner, boolean filters) {
    this.inner = inner;
    this.filters = filters;
  }

  /** A wrapper that applies only the events {@code inner} applies and skips the others. */
  static <P extends Projection> Instrumented<P> filtering(P inner) {
    return new Instrumented<>(inner, true);
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public Checkpoint open(Path directory) throws IOException {
    if (failOpen) throw new IOException("Permission denied");
    return inner.open(directory);
  }

  @Override
  public Optional<Set<String>> eventTypes() {
    return filters ? inner.eventTypes() : Optional.empty();
  }

  @Override
  public boolean applies(String type, String stream) {
    return !filters || inner.applies(type, stream);
  }

  @Override
  public void skip(long position) throws IOException {
    inner.skip(position);
  }

  @Override
  public void apply(RecordedEvent event) throws IOException {
    if (event.position() == failAt) throw new IllegalStateException("boom at " + failAt);
    CountDownLatch g = gate;
    if (g != null) {
      blocked.countDown();
      try {
        g.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted in apply", e);
      }
    }
    inner.apply(event);
    applies.incrementAndGet();
  }

  @Override
  public void checkpoint(Checkpoint checkpoint) throws IOException {
    if (crashed) return;
    if (failCheckpoints) throw new IOException("No space left on device");
    inner.checkpoint(checkpoint);
    checkpoints.add(checkpoint);
  }

  @Override
  public void reset() throws IOException {
    inner.reset();
  }

  @Override
  public void close() throws IOException {
    if (!crashed) inner.close();
  }
}
