package dev.scribe.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.eventlog.StoredEvent;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON form of a stored event (event-schema/envelope.v1.schema.json): every envelope field of
 * {@link StoredEvent} plus the payload embedded as JSON. Used by export, replay {@code --json} and
 * the event bus's JSON codec; it is a lossless view of the stored record, whose hash is computed
 * over the binary form ({@link dev.scribe.eventlog.RecordFormat}).
 */
public final class EnvelopeJson {
  /** Schema version of the envelope form. */
  public static final int ENVELOPE_VERSION = 1;

  private EnvelopeJson() {}

  /** {@code e} as a JSON object. */
  public static ObjectNode toJson(StoredEvent e) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("envelopeVersion", ENVELOPE_VERSION);
    o.put("position", e.position());
    o.put("eventId", e.eventId());
    o.put("type", e.type());
    o.put("schemaVersion", e.schemaVersion());
    o.put("stream", e.stream());
    o.put("streamVersion", e.streamVersion());
    o.put("sessionId", e.sessionId());
    o.put("executionId", e.executionId());
    o.put("recordedAt", e.recordedAt().toString());
    if (e.idempotencyKey().isEmpty()) {
      o.putNull("idempotencyKey");
    } else {
      o.put("idempotencyKey", e.idempotencyKey());
    }
    o.put("previousHash", e.previousHashHex());
    o.put("hash", e.hashHex());
    o.set("payload", payloadTree(e));
    return o;
  }

  /** {@code e} as one line of JSON (no newline). */
  public static String toLine(StoredEvent e) {
    try {
      return Json.mapper().writeValueAsString(toJson(e));
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException(ex);
    }
  }

  private static JsonNode payloadTree(StoredEvent e) {
    try {
      return Json.mapper().readTree(e.payload());
    } catch (IOException ex) {
      throw new UncheckedIOException(
          "Payload at position " + e.position() + " is not JSON: " + ex.getMessage(), ex);
    }
  }
}
