package dev.scribe.server.bus;

import dev.scribe.domain.RecordedEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;

/**
 * The local event-bus codec for {@link RecordedEvent}: {@link #transform} hands every consumer the
 * published instance itself. That is safe because the record and everything it holds are immutable,
 * and it is the point: no copy, no serialisation per consumer.
 *
 * <p>Local only. A clustered or remote consumer would need a wire form, and that form is the JSON
 * envelope of the stored event ({@link dev.scribe.codec.EnvelopeJson}, which keeps hashes and ids a
 * {@code RecordedEvent} drops); until then the wire methods refuse clearly.
 */
public final class RecordedEventCodec implements MessageCodec<RecordedEvent, RecordedEvent> {
  public static final String NAME = "scribe.recorded-event";

  /**
   * Makes this the default codec for {@link RecordedEvent} on {@code bus}. Idempotent, so the
   * publisher and every subscriber can call it.
   */
  public static void registerOn(EventBus bus) {
    synchronized (bus) {
      try {
        bus.registerDefaultCodec(RecordedEvent.class, new RecordedEventCodec());
      } catch (IllegalStateException alreadyRegistered) {
        // Vert.x offers no "is registered" query; a second registration is the normal case.
      }
    }
  }

  @Override
  public RecordedEvent transform(RecordedEvent event) {
    return event;
  }

  @Override
  public void encodeToWire(Buffer buffer, RecordedEvent event) {
    throw new UnsupportedOperationException(
        "RecordedEvent messages are local only; remote consumers need the EnvelopeJson form");
  }

  @Override
  public RecordedEvent decodeFromWire(int pos, Buffer buffer) {
    throw new UnsupportedOperationException(
        "RecordedEvent messages are local only; remote consumers need the EnvelopeJson form");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
