package dev.scribe.server.bus;

import static java.util.Objects.requireNonNull;

import dev.scribe.codec.EventCodec;
import dev.scribe.codec.UnknownEventTypeException;
import dev.scribe.domain.RecordedEvent;
import dev.scribe.eventlog.ReadAll;
import dev.scribe.eventlog.StoredEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers every event from a log position on, in order, exactly once: history from the log, then
 * live events from the bus, with no gap and no duplicate at the seam.
 *
 * <p>How: the live consumer on {@link EventAddresses#ALL} is registered <em>first</em> and buffers;
 * then the log is read from the start position up to its end; then the buffer is drained, skipping
 * positions already delivered. An event published before the consumer existed was durable before
 * the read began, so the read has it; one published after is in the buffer. Positions on {@code
 * scribe.events} are contiguous, so a live event further ahead than the next expected position
 * means something was not received (a publisher started after the subscriber, a skipped event): the
 * gap is read from the log before going on. Everything runs on one Vert.x context (the caller's, or
 * a new one); log reads run off the event loop.
 *
 * <p>The handler runs on that context. An exception it throws is logged and the event counts as
 * delivered, as with any Vert.x message handler. Events of a type this build cannot decode are
 * skipped with a warning, as the publisher skips them.
 */
public final class CatchUpSubscription {
  private static final Logger LOG = LoggerFactory.getLogger(CatchUpSubscription.class);
  static final int PAGE = 512;

  /** One position read from the log: its event, or null when it could not be decoded. */
  private record Read(long position, @Nullable RecordedEvent event) {}

  private final Vertx vertx;
  private final Context context;
  private final ReadAll log;
  private final EventCodec codec;
  private final Handler<RecordedEvent> handler;
  private final Promise<Void> caughtUp = Promise.promise();
  // Confined to the context:
  private final ArrayDeque<RecordedEvent> buffer = new ArrayDeque<>();
  private @Nullable MessageConsumer<RecordedEvent> consumer;
  private boolean reading;
  private boolean closed;
  private volatile long lastPosition;

  private CatchUpSubscription(
      Vertx vertx,
      Context context,
      ReadAll log,
      EventCodec codec,
      long fromPosition,
      Handler<RecordedEvent> handler) {
    this.vertx = vertx;
    this.context = context;
    this.log = log;
    this.codec = codec;
    this.handler = handler;
    this.lastPosition = Math.max(1, fromPosition) - 1;
  }

  /**
   * Subscribes {@code handler} to every event at a position ≥ {@code fromPosition} (1 = the whole
   * log). The future completes once the live consumer is registered and catch-up has begun; {@link
   * #caughtUp()} completes when the log has been read to its end.
   */
  public static Future<CatchUpSubscription> subscribe(
      Vertx vertx,
      ReadAll log,
      EventCodec codec,
      long fromPosition,
      Handler<RecordedEvent> handler) {
    requireNonNull(vertx, "vertx");
    requireNonNull(log, "log");
    requireNonNull(codec, "codec");
    requireNonNull(handler, "handler");
    Context context = vertx.getOrCreateContext();
    CatchUpSubscription s =
        new CatchUpSubscription(vertx, context, log, codec, fromPosition, handler);
    Promise<CatchUpSubscription> started = Promise.promise();
    context.runOnContext(v -> s.begin(started));
    return started.future();
  }

  private void begin(Promise<CatchUpSubscription> started) {
    RecordedEventCodec.registerOn(vertx.eventBus());
    MessageConsumer<RecordedEvent> c =
        vertx.eventBus().localConsumer(EventAddresses.ALL, m -> onLive(m.body()));
    consumer = c;
    // Local registration is effective at once; completion() only reports it.
    c.completion()
        .onComplete(
            ar -> {
              if (ar.failed()) {
                started.fail(ar.cause());
                return;
              }
              readFrom(lastPosition + 1);
              started.complete(this);
            });
  }

  /** Completes when the log has been read to its end and delivery is live. */
  public Future<Void> caughtUp() {
    return caughtUp.future();
  }

  /** The last position handled: every event up to it has been delivered (or skipped). */
  public long lastPosition() {
    return lastPosition;
  }

  /** Stops delivery and unregisters the live consumer. */
  public Future<Void> close() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(
        v -> {
          closed = true;
          buffer.clear();
          MessageConsumer<RecordedEvent> c = consumer;
          consumer = null;
          if (c == null) {
            done.complete();
          } else {
            c.unregister().onComplete(done);
          }
        });
    return done.future();
  }

  private void onLive(RecordedEvent event) {
    if (closed) return;
    if (reading) {
      buffer.add(event);
    } else if (event.position() <= lastPosition) {
      // Already delivered from the log.
    } else if (event.position() == lastPosition + 1) {
      deliver(event);
    } else {
      buffer.add(event);
      readFrom(lastPosition + 1);
    }
  }

  /** Reads one page from the log off the event loop, delivers it, and goes on or drains. */
  private void readFrom(long from) {
    reading = true;
    context
        .executeBlocking(() -> readPage(from), true)
        .onComplete(
            ar -> {
              if (closed) return;
              if (ar.failed()) {
                reading = false;
                LOG.error(
                    "Catch-up read from position {} failed; subscription stopped",
                    from,
                    ar.cause());
                caughtUp.tryFail(ar.cause());
                close();
                return;
              }
              List<Read> page = ar.result();
              for (Read r : page) {
                if (r.position() <= lastPosition) continue;
                if (r.event() == null) {
                  lastPosition = r.position();
                } else {
                  deliver(r.event());
                }
              }
              if (page.size() == PAGE) {
                readFrom(lastPosition + 1);
              } else {
                drain(page.isEmpty());
              }
            });
  }

  private List<Read> readPage(long from) {
    List<StoredEvent> stored = log.readForward(from, PAGE);
    List<Read> out = new ArrayList<>(stored.size());
    for (StoredEvent s : stored) {
      try {
        out.add(new Read(s.position(), codec.toRecorded(s)));
      } catch (UnknownEventTypeException e) {
        LOG.warn("Skipping position {}: {}", s.position(), e.getMessage());
        out.add(new Read(s.position(), null));
      }
    }
    return out;
  }

  /** Delivers buffered live events in order; reads the log again at a gap. */
  private void drain(boolean logHadNothingNew) {
    while (!buffer.isEmpty()) {
      RecordedEvent next = buffer.peek();
      if (next.position() <= lastPosition) {
        buffer.poll();
      } else if (next.position() == lastPosition + 1) {
        buffer.poll();
        deliver(next);
      } else if (logHadNothingNew) {
        // The bus carries a position the log does not: a different log. Never loop on it.
        LOG.error(
            "Event at position {} is on the bus but not in the log after {}; accepting gap",
            next.position(),
            lastPosition);
        buffer.poll();
        deliver(next);
      } else {
        readFrom(lastPosition + 1);
        return;
      }
    }
    reading = false;
    caughtUp.tryComplete();
  }

  private void deliver(RecordedEvent event) {
    lastPosition = event.position();
    try {
      handler.handle(event);
    } catch (RuntimeException e) {
      LOG.error("Handler failed on position {}", event.position(), e);
    }
  }
}
