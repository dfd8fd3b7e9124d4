package dev.scribe.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scribe.domain.events.ScribeEvent;
import dev.scribe.domain.events.ToolInvoked;
import dev.scribe.eventlog.NewEvent;
import dev.scribe.eventlog.Placement;
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
        e,
        new Placement(1, 1, "id", Instant.parse("2026-01-01T00:00:00Z"), "", RecordFormat.GENESIS_HASH),
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

  @Test
  void json_text_fields_are_written_and_read_exactly_as_their_parsed_tree() throws Exception {
    long seed = new java.util.Random().nextLong();
    java.util.Random rnd = new java.util.Random(seed);
    for (int n = 0; n < 500; n++) {
      String text = randomObject(rnd, 0);
      // What writing and reading the parsed tree gives (the codec's earlier way).
      String viaTree = Json.mapper().writeValueAsString(Json.mapper().readTree(text));
      StoredEvent stored = store(codec.toNew(new ToolInvoked("t", text, "ok", null, 1), "s", "", ""));
      String payload = new String(stored.payload(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(payload).as("seed %d, %s", seed, text).contains("\"arguments\":" + viaTree + ",");
      assertThat(((ToolInvoked) codec.decode(stored)).argumentsJson())
          .as("seed %d, %s", seed, text)
          .isEqualTo(viaTree);
    }
  }

  private static String randomObject(java.util.Random rnd, int depth) {
    StringBuilder b = new StringBuilder("{");
    int fields = rnd.nextInt(depth == 0 ? 6 : 3);
    for (int i = 0; i < fields; i++) {
      if (i > 0) b.append(rnd.nextBoolean() ? ", " : ",");
      b.append('"').append("k").append(i).append(randomChars(rnd)).append("\":");
      b.append(randomValue(rnd, depth + 1));
    }
    return b.append('}').toString();
  }

  private static String randomValue(java.util.Random rnd, int depth) {
    return switch (rnd.nextInt(depth > 3 ? 7 : 9)) {
      case 0 -> Integer.toString(rnd.nextInt());
      case 1 -> Long.toString(rnd.nextLong());
      case 2 -> "123456789012345678901234567890";
      case 3 -> new String[] {"1.10", "-0.0", "2.5e3", "1E-7", "3.14159265358979323846264338327950288"}[rnd.nextInt(5)];
      case 4 -> "\"" + randomChars(rnd) + "\"";
      case 5 -> new String[] {"true", "false", "null"}[rnd.nextInt(3)];
      case 6 -> "\"\\u00e9\\n\\\"\\/\\ud83d\\ude00\"";
      case 7 -> "[" + randomValue(rnd, depth + 1) + (rnd.nextBoolean() ? "," + randomValue(rnd, depth + 1) : "") + "]";
      default -> randomObject(rnd, depth);
    };
  }

  private static String randomChars(java.util.Random rnd) {
    String[] parts = {"", "a", "é", "💳", "\\t", "\\\"", " ", "\\u0001"};
    return parts[rnd.nextInt(parts.length)] + parts[rnd.nextInt(parts.length)];
  }
}
