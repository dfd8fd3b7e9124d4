package dev.scribe.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scribe.domain.events.ScribeEvent;
import dev.scribe.domain.events.ToolInvoked;
import dev.scribe.eventlog.NewEvent;
import dev.scribe.eventlog.RecordFormat;
import dev.scribe.eventlog.StoredEvent;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventCodecTest {
  private final EventCodec codec = new EventCodec();

  private StoredEvent store(NewEvent e) {
    return RecordFormat.seal(
        e, 1, 1, "id", Instant.parse("2026-01-01T00:00:00Z"), "", RecordFormat.GENESIS_HASH,
        RecordFormat.sha256());
  }

  @Test
  void every_event_type_round_trips_through_its_payload() {
    Set<Class<?>> covered = new HashSet<>();
    for (ScribeEvent e : SampleEvents.all()) {
      StoredEvent stored = store(codec.toNew(e, "s", "sess", "exec"));
      assertThat(stored.type()).isEqualTo(e.getClass().getSimpleName());
      assertThat(codec.decode(stored)).isEqualTo(e);
      covered.add(e.getClass());
    }
    assertThat(covered).containsExactlyInAnyOrderElementsOf(EventCodec.EVENT_TYPES);
  }

  @Test
  void json_text_fields_are_embedded_as_json_under_short_names() throws Exception {
    ToolInvoked t = new ToolInvoked("ping", "{\"a\":[1,2]}", "ok", null, 5);
    JsonNode payload = Json.mapper().readTree(codec.encode(t));
    assertThat(payload.get("arguments").get("a").get(1).asInt()).isEqualTo(2);
    assertThat(payload.has("argumentsJson")).isFalse();
    assertThat(payload.has("errorCode")).isFalse();
  }

  @Test
  void unknown_types_and_versions_are_refused_with_their_position() {
    StoredEvent unknown = store(new NewEvent("Nope", 1, "s", "", "", "{}".getBytes()));
    assertThatThrownBy(() -> codec.decode(unknown))
        .isInstanceOf(UnknownEventTypeException.class)
        .hasMessageContaining("Nope")
        .hasMessageContaining("position 1");
    StoredEvent future = store(new NewEvent("SessionClosed", 2, "s", "", "", "{}".getBytes()));
    assertThatThrownBy(() -> codec.decode(future)).isInstanceOf(UnknownEventTypeException.class);
  }

  @Test
  void the_envelope_json_carries_every_envelope_field_and_the_payload() {
    StoredEvent stored = store(codec.toNew(SampleEvents.all().get(0), "session-x", "sess", "ex"));
    JsonNode json = EnvelopeJson.toJson(stored);
    assertThat(json.get("position").asLong()).isEqualTo(1);
    assertThat(json.get("type").asText()).isEqualTo("SessionOpened");
    assertThat(json.get("recordedAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(json.get("idempotencyKey").isNull()).isTrue();
    assertThat(json.get("hash").asText()).hasSize(64);
    assertThat(json.get("payload").get("clientName").asText()).isEqualTo("claude-code");
    assertThat(EnvelopeJson.toLine(stored)).doesNotContain("\n");
  }

  @Test
  void json_text_fields_must_hold_exactly_one_object_and_keep_numbers_exact() {
    for (String bad : new String[] {"", "not json", "[1]", "{}, \"errorCode\":\"X\"", "{\"a\":1,\"a\":2}"}) {
      assertThatThrownBy(() -> codec.encode(new ToolInvoked("t", bad, "ok", null, 1)))
          .as("arguments %s", bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    ToolInvoked exact = new ToolInvoked("t", "{\"n\":1.10,\"e\":\"💳\"}", "ok", null, 1);
    StoredEvent stored = store(codec.toNew(exact, "s", "", ""));
    assertThat(codec.decode(stored)).isEqualTo(exact);
    assertThat(new String(stored.payload(), java.nio.charset.StandardCharsets.UTF_8)).contains("💳");
    assertThat(Json.compactObject("{ \"a\" : [1, 2.50] }")).isEqualTo("{\"a\":[1,2.50]}");
  }
}
