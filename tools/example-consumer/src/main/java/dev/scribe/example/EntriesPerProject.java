package dev.scribe.example;

import static java.util.Objects.requireNonNull;

import dev.scribe.codec.EventCodec;
import dev.scribe.domain.RecordedEvent;
import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.events.ProjectDeleted;
import dev.scribe.eventlog.ReadAll;
import dev.scribe.server.bus.CatchUpSubscription;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Counts the entries of each project over the whole log: it subscribes from position 1 with a
 * {@link CatchUpSubscription}, so it reads history from the log and then follows the bus without
 * missing or counting an event twice. A deleted project's count is dropped.
 *
 * <p>All counting happens on one Vert.x context; {@link #counts()} may be read from any thread.
 */
public final class EntriesPerProject {
  private record Waiter(long position, Promise<Map<String, Long>> promise) {}

  private final Context context;
  // Confined to the context:
  private final TreeMap<String, Long> working = new TreeMap<>();
  private final List<Waiter> waiters = new ArrayList<>();
  private long position;
  // Published copies for other threads:
  private volatile SortedMap<String, Long> counts = Collections.emptySortedMap();
  private volatile @Nullable CatchUpSubscription subscription;

  private EntriesPerProject(Context context) {
    this.context = context;
  }

  /** Starts counting on a context of {@code vertx}; the future completes once subscribed. */
  public static Future<EntriesPerProject> start(Vertx vertx, ReadAll log, EventCodec codec) {
    requireNonNull(log, "log");
    requireNonNull(codec, "codec");
    Context context = vertx.getOrCreateContext();
    EntriesPerProject counter = new EntriesPerProject(context);
    Promise<EntriesPerProject> started = Promise.promise();
    context.runOnContext(
        v ->
            CatchUpSubscription.subscribe(vertx, log, codec, 1, counter::onEvent)
                .onSuccess(s -> counter.subscription = s)
                .map(counter)
                .onComplete(started));
    return started.future();
  }

  private void onEvent(RecordedEvent e) {
    if (e.event() instanceof EntryAppended entry) {
      working.merge(entry.project(), 1L, Long::sum);
      counts = Collections.unmodifiableSortedMap(new TreeMap<>(working));
    } else if (e.event() instanceof ProjectDeleted deleted
        && working.remove(deleted.name()) != null) {
      counts = Collections.unmodifiableSortedMap(new TreeMap<>(working));
    }
    position = e.position();
    waiters.removeIf(
        w -> {
          if (w.position() > position) return false;
          w.promise().complete(counts);
          return true;
        });
  }

  /** The counts so far, by project name. Thread-safe. */
  public SortedMap<String, Long> counts() {
    return counts;
  }

  /** The counts once every event up to {@code position} has been counted. */
  public Future<Map<String, Long>> countsAt(long position) {
    Promise<Map<String, Long>> p = Promise.promise();
    context.runOnContext(
        v -> {
          if (this.position >= position) {
            p.complete(counts);
          } else {
            waiters.add(new Waiter(position, p));
          }
        });
    return p.future();
  }

  public Future<Void> close() {
    CatchUpSubscription s = subscription;
    return s == null ? Future.succeededFuture() : s.close();
  }
}
