package dev.scribe.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scribe.domain.RecordedEvent;
import dev.scribe.domain.events.CaseClosed;
import dev.scribe.domain.events.CaseOpened;
import dev.scribe.domain.events.EntryAppended;
import dev.scribe.domain.events.FileRead;
import dev.scribe.domain.events.FixLinked;
import dev.scribe.domain.events.LogRotated;
import dev.scribe.domain.events.ModeSet;
import dev.scribe.domain.events.ProjectBound;
import dev.scribe.domain.events.ProjectDeleted;
import dev.scribe.domain.events.ProjectRegistered;
import dev.scribe.domain.events.ProjectUpdated;
import dev.scribe.domain.events.ReadFileFailed;
import dev.scribe.domain.events.ScopeViolation;
import dev.scribe.domain.events.ScribeEvent;
import dev.scribe.domain.events.SentinelEventAppended;
import dev.scribe.domain.events.SessionClosed;
import dev.scribe.domain.events.SessionOpened;
import dev.scribe.domain.events.ToolInvoked;
import dev.scribe.eventlog.NewEvent;
import dev.scribe.eventlog.StoredEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Domain events to stored payloads and back. Payloads are compact UTF-8 JSON objects whose fields
 * are the record components (JSON-text components embedded as JSON); {@code
 * event-schema/events/<Type>.v1.schema.json} describes each.
 */
public final class EventCodec {

  /** Every event type this build reads and writes, by stored type name (all at version 1). */
  public static final List<Class<? extends ScribeEvent>> EVENT_TYPES =
      List.of(
          SessionOpened.class,
          SessionClosed.class,
          ToolInvoked.class,
          ModeSet.class,
          ProjectRegistered.class,
          ProjectUpdated.class,
          ProjectBound.class,
          ProjectDeleted.class,
          EntryAppended.class,
          LogRotated.class,
          SentinelEventAppended.class,
          CaseOpened.class,
          FixLinked.class,
          CaseClosed.class,
          FileRead.class,
          ReadFileFailed.class,
          ScopeViolation.class);

  private static final Map<String, Class<? extends ScribeEvent>> BY_NAME =
      EVENT_TYPES.stream().collect(Collectors.toMap(Class::getSimpleName, Function.identity()));

  private final ObjectMapper mapper;

  public EventCodec() {
    this.mapper =
        Json.mapper()
            .copy()
            .addMixIn(ToolInvoked.class, Mixins.ToolInvokedMixin.class)
            .addMixIn(SentinelEventAppended.class, Mixins.SentinelEventAppendedMixin.class)
            .addMixIn(FileRead.class, Mixins.FileReadMixin.class);
  }

  /** The payload bytes of {@code event}. */
  public byte[] encode(ScribeEvent event) {
    try {
      return mapper.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot encode " + event.typeName() + ": " + e, e);
    }
  }

  /** {@code event} as an event to append on {@code stream}. */
  public NewEvent toNew(ScribeEvent event, String stream, String sessionId, String executionId) {
    return new NewEvent(
        event.typeName(), event.schemaVersion(), stream, sessionId, executionId, encode(event));
  }

  /**
   * The domain event stored in {@code stored}.
   *
   * @throws UnknownEventTypeException for a type or version this build does not know
   */
  public ScribeEvent decode(StoredEvent stored) {
    Class<? extends ScribeEvent> type = BY_NAME.get(stored.type());
    if (type == null || stored.schemaVersion() != 1) {
      throw new UnknownEventTypeException(stored.type(), stored.schemaVersion(), stored.position());
    }
    try {
      return mapper.readValue(stored.payload(), type);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot decode " + stored.type() + " at position " + stored.position() + ": "
              + e.getMessage(),
          e);
    }
  }

  /** {@code stored} with its decoded payload. */
  public RecordedEvent toRecorded(StoredEvent stored) {
    return new RecordedEvent(
        stored.position(),
        stored.stream(),
        stored.streamVersion(),
        stored.sessionId(),
        stored.executionId(),
        stored.recordedAt(),
        decode(stored));
  }

  /** The mapper configured for payloads (mixins included). */
  ObjectMapper mapper() {
    return mapper;
  }
}
