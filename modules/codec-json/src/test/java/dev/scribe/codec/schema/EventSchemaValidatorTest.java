package dev.scribe.codec.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.codec.EventCodec;
import dev.scribe.codec.SampleEvents;
import dev.scribe.domain.events.ScribeEvent;
import dev.scribe.eventlog.NewEvent;
import dev.scribe.eventlog.Placement;
import dev.scribe.eventlog.RecordFormat;
import dev.scribe.eventlog.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class EventSchemaValidatorTest {
  private final EventSchemaValidator validator = EventSchemaValidator.shared();
  private final EventCodec codec = new EventCodec();

  private static StoredEvent seal(NewEvent e, long position, byte[] previousHash) {
    return RecordFormat.seal(
        e,
        new Placement(
            position, 1, "evt-" + position, Instant.parse("2026-01-03T09:15:02.114Z"), "",
            previousHash),
        RecordFormat.sha256());
  }

  private static StoredEvent seal(NewEvent e) {
    return seal(e, 1, RecordFormat.GENESIS_HASH);
  }

  /** A valid envelope of {@code type}'s golden example, changed by {@code change}. */
  private static ObjectNode example(String type, Consumer<ObjectNode> change) {
    ObjectNode o = SchemaResources.classpathJson("examples/" + type + ".v1.example.json").deepCopy();
    change.accept(o);
    return o;
  }

  private static ObjectNode payload(ObjectNode envelope) {
    return (ObjectNode) envelope.get("payload");
  }

  @Test
  void every_sample_event_written_by_the_codec_matches_its_schema() {
    Set<Class<?>> covered = new HashSet<>();
    byte[] previous = RecordFormat.GENESIS_HASH;
    long position = 0;
    for (ScribeEvent e : SampleEvents.all()) {
      StoredEvent stored =
          seal(codec.toNew(e, "stream-" + e.typeName(), SampleEvents.SESSION, "exec-1"), ++position, previous);
      previous = stored.hash();
      assertThat(validator.validate(stored)).as("%s", stored).isEmpty();
      covered.add(e.getClass());
    }
    assertThat(covered).containsExactlyInAnyOrderElementsOf(EventCodec.EVENT_TYPES);
  }

  @Test
  void there_is_a_payload_schema_for_every_type_the_codec_knows_and_no_other() {
    List<String> expected =
        EventCodec.EVENT_TYPES.stream().map(c -> EventSchemaValidator.key(c.getSimpleName(), 1)).toList();
    assertThat(validator.payloadSchemaKeys()).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void events_without_session_or_execution_and_with_an_idempotency_key_are_valid() {
    StoredEvent e =
        RecordFormat.seal(
            codec.toNew(SampleEvents.all().get(4), "projects", "", ""),
            new Placement(7, 3, "evt-7", Instant.parse("2026-01-03T09:15:02Z"), "key-1", new byte[32]),
            RecordFormat.sha256());
    assertThat(validator.validate(e)).isEmpty();
  }

  @Test
  void a_missing_required_payload_field_is_named() {
    ObjectNode e = example("CaseClosed", o -> payload(o).remove("caseId"));
    assertThat(validator.validateEnvelope(e))
        .singleElement()
        .satisfies(v -> {
          assertThat(v.path()).isEqualTo("$.payload.caseId");
          assertThat(v.message()).contains("required").contains("caseId");
        });
  }

  @Test
  void a_missing_envelope_field_is_named() {
    ObjectNode e = example("CaseClosed", o -> o.remove("streamVersion"));
    assertThat(validator.validateEnvelope(e)).extracting(Violation::path).containsExactly("$.streamVersion");
  }

  @Test
  void a_value_of_the_wrong_type_is_named() {
    ObjectNode e = example("ToolInvoked", o -> payload(o).put("durationMicros", "fast"));
    assertThat(validator.validateEnvelope(e))
        .singleElement()
        .satisfies(v -> {
          assertThat(v.path()).isEqualTo("$.payload.durationMicros");
          assertThat(v.message()).contains("string").contains("integer");
        });
    ObjectNode position = example("ToolInvoked", o -> o.put("position", "5"));
    assertThat(validator.validateEnvelope(position)).extracting(Violation::path).containsExactly("$.position");
  }

  @Test
  void a_hash_that_is_not_64_lower_case_hex_is_rejected() {
    ObjectNode e = example("SessionOpened", o -> o.put("hash", "ABC123"));
    assertThat(validator.validateEnvelope(e))
        .singleElement()
        .satisfies(v -> {
          assertThat(v.path()).isEqualTo("$.hash");
          assertThat(v.message()).contains("^[0-9a-f]{64}$");
        });
    String upper = "9B74C9897BAC770FFC029102A200C5DE9B74C9897BAC770FFC029102A200C5DE";
    ObjectNode p = example("EntryAppended", o -> payload(o).put("contentSha256", upper));
    assertThat(validator.validateEnvelope(p)).extracting(Violation::path).containsExactly("$.payload.contentSha256");
  }

  @Test
  void an_unknown_property_is_named() {
    ObjectNode e = example("ProjectBound", o -> payload(o).put("projectName", "x"));
    assertThat(validator.validateEnvelope(e))
        .singleElement()
        .satisfies(v -> {
          assertThat(v.path()).isEqualTo("$.payload.projectName");
          assertThat(v.message()).contains("projectName");
        });
    ObjectNode envelope = example("ProjectBound", o -> o.put("actor", "x"));
    assertThat(validator.validateEnvelope(envelope)).extracting(Violation::path).containsExactly("$.actor");
  }

  @Test
  void an_unknown_type_or_version_is_rejected_by_name() {
    ObjectNode type = example("ProjectBound", o -> o.put("type", "ProjectBond"));
    assertThat(validator.validateEnvelope(type))
        .singleElement()
        .satisfies(v -> {
          assertThat(v.path()).isEqualTo("$.type");
          assertThat(v.message()).contains("'ProjectBond'");
        });
    ObjectNode version = example("ProjectBound", o -> o.put("schemaVersion", 2));
    assertThat(validator.validateEnvelope(version))
        .singleElement()
        .satisfies(v -> {
          assertThat(v.path()).isEqualTo("$.schemaVersion");
          assertThat(v.message()).contains("'ProjectBound' version 2");
        });
    ObjectNode envelope = example("ProjectBound", o -> o.put("envelopeVersion", 2));
    assertThat(validator.validateEnvelope(envelope)).extracting(Violation::path).containsExactly("$.envelopeVersion");
  }

  @Test
  void values_outside_a_fixed_set_are_rejected() {
    ObjectNode outcome = example("ToolInvoked", o -> payload(o).put("outcome", "maybe"));
    assertThat(validator.validateEnvelope(outcome)).extracting(Violation::path).containsExactly("$.payload.outcome");
    ObjectNode transport = example("SessionOpened", o -> payload(o).put("transport", "websocket"));
    assertThat(validator.validateEnvelope(transport)).extracting(Violation::path).containsExactly("$.payload.transport");
    ObjectNode landing = example("FixLinked", o -> payload(o).put("landingStatus", "merged"));
    assertThat(validator.validateEnvelope(landing)).extracting(Violation::path).containsExactly("$.payload.landingStatus");
  }

  @Test
  void rules_that_tie_fields_together_are_checked() {
    ObjectNode sentinelWithoutRoot = example("ModeSet", o -> payload(o).remove("repoRoot"));
    assertThat(validator.validateEnvelope(sentinelWithoutRoot))
        .extracting(Violation::path).contains("$.payload.repoRoot");
    ObjectNode projectWithRoot = example("ModeSet", o -> payload(o).put("mode", "project"));
    assertThat(validator.validateEnvelope(projectWithRoot))
        .extracting(Violation::path).contains("$.payload.repoRoot");
    ObjectNode errorWithoutCode = example("ToolInvoked", o -> payload(o).put("outcome", "tool_error"));
    assertThat(validator.validateEnvelope(errorWithoutCode))
        .extracting(Violation::path).contains("$.payload.errorCode");
    ObjectNode securityCaseWithBugId = example("CaseOpened", o -> payload(o).put("kind", "security"));
    assertThat(validator.validateEnvelope(securityCaseWithBugId))
        .extracting(Violation::path).contains("$.payload.caseId");
    ObjectNode laterRotationWithoutChain = example("LogRotated", o -> payload(o).remove("previousArchiveSha256"));
    assertThat(validator.validateEnvelope(laterRotationWithoutChain))
        .extracting(Violation::path).contains("$.payload.previousArchiveSha256");
  }

  @Test
  void recorded_time_must_be_an_iso_8601_utc_instant() {
    for (String bad : List.of("2026-01-03 09:15:02", "2026-01-03T09:15:02+01:00", "2026-13-03T09:15:02Z", "yesterday")) {
      ObjectNode e = example("SessionOpened", o -> o.put("recordedAt", bad));
      assertThat(validator.validateEnvelope(e)).as(bad).extracting(Violation::path).contains("$.recordedAt");
    }
  }

  @Test
  void free_text_is_not_constrained() {
    ObjectNode e =
        example("EntryAppended", o -> payload(o)
            .put("message", "line one\nline two | with a pipe")
            .put("emoji", "")
            .put("agent", "Ag[ent]|x 🤖"));
    assertThat(validator.validateEnvelope(e)).isEmpty();
  }

  @Test
  void a_payload_that_is_not_a_json_object_is_rejected() {
    ObjectNode array = example("CaseClosed", o -> o.set("payload", new ArrayNode(JsonNodeFactory.instance)));
    assertThat(validator.validateEnvelope(array)).extracting(Violation::path).containsExactly("$.payload");
    StoredEvent text = seal(new NewEvent("CaseClosed", 1, "s", "", "", "not json".getBytes(StandardCharsets.UTF_8)));
    assertThat(validator.validate(text))
        .singleElement()
        .satisfies(v -> assertThat(v.toString()).startsWith("$.payload: is not JSON"));
    StoredEvent trailing =
        seal(new NewEvent("CaseClosed", 1, "s", "", "", "{\"caseId\":\"BUG-2026-01-03-0001\",\"rootCause\":\"x\"} {}".getBytes(StandardCharsets.UTF_8)));
    assertThat(validator.validate(trailing)).extracting(Violation::path).containsExactly("$.payload");
  }

  @Test
  void assert_valid_reports_the_event_and_every_violation() {
    StoredEvent bad =
        seal(new NewEvent("SessionClosed", 1, "session-x", "sess", "", "{\"sessionId\":\"sess\",\"reason\":\"bored\",\"extra\":1}".getBytes(StandardCharsets.UTF_8)));
    assertThatThrownBy(() -> validator.assertValid(bad))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("position 1 (SessionClosed v1 on stream 'session-x')")
        .hasMessageContaining("$.payload.reason")
        .hasMessageContaining("$.payload.extra")
        .hasMessageContaining("\"bored\"");
    JsonNode good = SchemaResources.classpathJson("examples/SessionClosed.v1.example.json");
    validator.assertValid(good);
  }
}
