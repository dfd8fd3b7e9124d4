package dev.scribe.transport;

import io.vertx.core.Context;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs actions on one Vert.x context in exactly the order they were submitted, from any thread.
 * {@code Context.runOnContext} alone does not promise that across threads: a task submitted from
 * the event loop itself can run before tasks other threads queued earlier, which would let a
 * response overtake the progress notifications that preceded it.
 */
final class Outbox {
  private final Context context;
  private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();

  Outbox(Context context) {
    this.context = context;
  }

  void submit(Runnable action) {
    queue.add(action);
    if (scheduled.compareAndSet(false, true)) {
      context.runOnContext(v -> drain());
    }
  }

  private void drain() {
    scheduled.set(false);
    Runnable r;
    while ((r = queue.poll()) != null) {
      r.run();
    }
  }
}
