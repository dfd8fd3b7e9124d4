package dev.scribe.server.bus;

import static java.util.Objects.requireNonNull;

import dev.scribe.codec.EventCodec;
import dev.scribe.codec.UnknownEventTypeException;
import dev.scribe.domain.RecordedEvent;
import dev.scribe.eventlog.ReadAll;
import dev.scribe.eventlog.StoredEvent;
import dev.scribe.eventlog.Subscription;
import dev.scribe.eventlog.TailEvents;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every acknowledged (durable) event on the event bus, to {@link EventAddresses#ALL}, its
 * {@linkplain EventAddresses#type type address} and, when it has one, its {@linkplain
 * EventAddresses#session session address}.
 *
 * <p>It follows the log through its own {@link TailEvents#subscribe subscription} ({@code
 * scribe-tail-event-bus}), so publishing never sits on the append path: an append completes when
 * the log has made it durable, whatever the bus is doing. The subscription thread decodes each
 * event (through a decoder it may share with the projections, so an event they decoded is not
 * decoded again) and queues it for this verticle's context, where the queue is drained and
 * published in order; one hop onto the context carries every event queued meanwhile, not one hop
 * per event. At most {@value #MAX_IN_FLIGHT} events wait for the context; beyond that the
 * subscription thread waits (the log keeps them), so a stalled event loop costs no memory and
 * loses nothing.
 *
 * <p>Deploy it on a worker context ({@code ThreadingModel.WORKER}), as the server does, to keep
 * publishing off the event loops that serve HTTP: under group commit, events become readable in
 * groups of hundreds at once. On an event loop context it works the same.
 *
 * <p>It starts after the log's last position at deploy time (or at a given position): consumers
 * that need history subscribe with {@link CatchUpSubscription}, which reads it from the log. Events
 * of a type this build cannot decode are skipped with a warning ({@link #skipped()}).
 */
public final class EventBusPublisher extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(EventBusPublisher.class);
  static final int MAX_IN_FLIGHT = 1024;
  private static final int DRAIN_BATCH = 256;

  private final ReadAll log;
  private final TailEvents tail;
  private final Function<StoredEvent, RecordedEvent> decoder;
  private final long fromPosition; // 0 = after the log's end at deploy time
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
  private final ArrayDeque<RecordedEvent> queue = new ArrayDeque<>(); // under itself
  private boolean drainScheduled; // under queue
  private final AtomicLong skipped = new AtomicLong();
  private volatile long lastPublished;
  private volatile @Nullable Subscription subscription;

  /** A publisher starting after the log's last position at deploy time. */
  public EventBusPublisher(ReadAll log, TailEvents tail, EventCodec codec) {
    this(log, tail, codec, 0);
  }

  /** A publisher starting at {@code fromPosition} (≥ 1), e.g. to republish history. */
  public EventBusPublisher(ReadAll log, TailEvents tail, EventCodec codec, long fromPosition) {
    this(log, tail, requireNonNull(codec, "codec")::toRecorded, fromPosition);
  }

  /**
   * A publisher starting after the log's end at deploy time, following {@code tail} and decoding
   * with {@code decoder} (e.g. the projection runner's shared tail and decodes).
   */
  public EventBusPublisher(
      ReadAll log, TailEvents tail, Function<StoredEvent, RecordedEvent> decoder) {
    this(log, tail, decoder, 0);
  }

  private EventBusPublisher(
      ReadAll log, TailEvents tail, Function<StoredEvent, RecordedEvent> decoder, long fromPosition) {
    this.log = requireNonNull(log, "log");
    this.tail = requireNonNull(tail, "tail");
    this.decoder = requireNonNull(decoder, "decoder");
    if (fromPosition < 0) throw new IllegalArgumentException("fromPosition must be >= 0");
    this.fromPosition = fromPosition;
  }

  /** A publisher over one log that can both read and tail, starting after its end. */
  public static <L extends ReadAll & TailEvents> EventBusPublisher over(L log, EventCodec codec) {
    return new EventBusPublisher(log, log, codec);
  }

  @Override
  public Future<?> start() {
    EventBus bus = vertx.eventBus();
    RecordedEventCodec.registerOn(bus);
    // Opening a subscription may touch storage: not on the event loop.
    return vertx.executeBlocking(
        () -> {
          long from = fromPosition > 0 ? fromPosition : log.lastPosition() + 1;
          lastPublished = from - 1;
          subscription = tail.subscribe("event-bus", from, stored -> onEvent(bus, stored));
          LOG.info("Publishing events from position {} on {}", from, EventAddresses.ALL);
          return null;
        });
  }

  @Override
  public Future<?> stop() {
    return vertx.executeBlocking(
        () -> {
          Subscription s = subscription;
          subscription = null;
          if (s != null) s.close();
          return null;
        });
  }

  /** On the subscription thread. */
  private void onEvent(EventBus bus, StoredEvent stored) throws InterruptedException {
    RecordedEvent event;
    try {
      event = decoder.apply(stored);
    } catch (UnknownEventTypeException e) {
      skipped.incrementAndGet();
      LOG.warn("Not publishing position {}: {}", stored.position(), e.getMessage());
      return;
    }
    inFlight.acquire();
    boolean schedule;
    synchronized (queue) {
      queue.add(event);
      schedule = !drainScheduled;
      drainScheduled = true;
    }
    if (schedule) context.runOnContext(v -> drain(bus));
  }

  /**
   * On the context: publishes what is queued, in order; after {@value #DRAIN_BATCH} events it
   * yields the event loop and continues in a new hop.
   */
  private void drain(EventBus bus) {
    for (int n = 0; ; n++) {
      RecordedEvent event;
      synchronized (queue) {
        if (queue.isEmpty()) {
          drainScheduled = false;
          return;
        }
        if (n == DRAIN_BATCH) {
          context.runOnContext(v -> drain(bus));
          return;
        }
        event = queue.poll();
      }
      try {
        publish(bus, event);
      } finally {
        inFlight.release();
      }
    }
  }

  private void publish(EventBus bus, RecordedEvent event) {
    bus.publish(EventAddresses.ALL, event);
    bus.publish(EventAddresses.type(event.event().typeName()), event);
    if (!event.sessionId().isEmpty()) bus.publish(EventAddresses.session(event.sessionId()), event);
    lastPublished = event.position();
  }

  /** The position of the last event published (before the start position until the first). */
  public long lastPublished() {
    return lastPublished;
  }

  /** How many events were not published because this build cannot decode their type. */
  public long skipped() {
    return skipped.get();
  }

  /** Why publishing stopped, if the log subscription failed. */
  public Optional<Throwable> failure() {
    Subscription s = subscription;
    return s == null ? Optional.empty() : s.failure();
  }
}
