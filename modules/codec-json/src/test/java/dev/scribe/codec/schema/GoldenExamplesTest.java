package dev.scribe.codec.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scribe.codec.EnvelopeJson;
import dev.scribe.codec.EventCodec;
import dev.scribe.codec.Json;
import dev.scribe.domain.events.ScribeEvent;
import dev.scribe.eventlog.CorruptLogException;
import dev.scribe.eventlog.RecordFormat;
import dev.scribe.eventlog.StoredEvent;
import java.io.IOException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden examples ({@code event-schema/examples/<Type>.vN.example.json}, one per payload
 * schema) are real stored events: valid, decodable, re-encodable, with true hashes, and together
 * one hash chain from position 1.
 */
class GoldenExamplesTest {
  private final EventSchemaValidator validator = EventSchemaValidator.shared();
  private final EventCodec codec = new EventCodec();

  static Stream<String> examples() {
    return EventSchemaValidator.shared().payloadSchemaKeys().stream().map(k -> "examples/" + k + ".example.json");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void the_example_matches_its_schema(String path) {
    JsonNode example = SchemaResources.classpathJson(path);
    assertThat(validator.validateEnvelope(example)).as(path).isEmpty();
    assertThat(path).as("file name").isEqualTo(
        "examples/" + EventSchemaValidator.key(example.get("type").asText(), example.get("schemaVersion").asInt()) + ".example.json");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void the_example_decodes_and_re_encodes_to_the_same_payload_and_envelope(String path) throws IOException {
    JsonNode example = SchemaResources.classpathJson(path);
    StoredEvent stored = storedEvent(example);
    ScribeEvent decoded = codec.decode(stored);
    assertThat(decoded.typeName()).isEqualTo(example.get("type").asText());
    JsonNode reencoded = Json.mapper().readTree(codec.encode(decoded));
    assertThat(reencoded).as(path + " payload after decode + encode").isEqualTo(example.get("payload"));
    // Compared as parsed text: EnvelopeJson builds long nodes where parsing gives int nodes.
    JsonNode written = Json.mapper().readTree(EnvelopeJson.toLine(canonical(stored)));
    assertThat(written).as(path + " as EnvelopeJson writes it").isEqualTo(example);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void the_example_hash_is_the_sha256_of_its_stored_bytes(String path) {
    StoredEvent stored = canonical(storedEvent(SchemaResources.classpathJson(path)));
    if (!RecordFormat.hashMatches(stored, RecordFormat.sha256())) {
      fail("%s: \"hash\" is not the SHA-256 of the stored record (RecordFormat, payload in the codec's"
          + " compact form); it should be %s", path, trueHash(stored));
    }
  }

  @Test
  void the_examples_form_one_hash_chain_from_position_1() {
    List<StoredEvent> chain = new ArrayList<>();
    examples().forEach(p -> chain.add(canonical(storedEvent(SchemaResources.classpathJson(p)))));
    chain.sort(Comparator.comparingLong(StoredEvent::position));
    MessageDigest digest = RecordFormat.sha256();
    byte[] previous = RecordFormat.GENESIS_HASH;
    for (int i = 0; i < chain.size(); i++) {
      StoredEvent e = chain.get(i);
      try {
        RecordFormat.verifyLink(e, i + 1, previous, digest);
      } catch (CorruptLogException ex) {
        fail("The golden examples must form one log: the example of %s does not follow position %d"
            + " (previousHash should be %s): %s", e.type(), i, HexFormat.of().formatHex(previous), ex.getMessage());
      }
      previous = e.hash();
    }
  }

  /** The example as a stored event, its payload bytes exactly the example's payload text, compacted. */
  static StoredEvent storedEvent(JsonNode example) {
    try {
      HexFormat hex = HexFormat.of();
      JsonNode key = example.get("idempotencyKey");
      return new StoredEvent(
          example.get("position").asLong(),
          example.get("eventId").asText(),
          example.get("type").asText(),
          example.get("schemaVersion").asInt(),
          example.get("stream").asText(),
          example.get("streamVersion").asLong(),
          example.get("sessionId").asText(),
          example.get("executionId").asText(),
          Instant.parse(example.get("recordedAt").asText()),
          key.isNull() ? "" : key.asText(),
          hex.parseHex(example.get("previousHash").asText()),
          hex.parseHex(example.get("hash").asText()),
          Json.mapper().writeValueAsBytes(example.get("payload")));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** {@code e} with its payload bytes as the codec writes them (field order and spacing). */
  private StoredEvent canonical(StoredEvent e) {
    byte[] payload = codec.encode(codec.decode(e));
    return new StoredEvent(
        e.position(), e.eventId(), e.type(), e.schemaVersion(), e.stream(), e.streamVersion(),
        e.sessionId(), e.executionId(), e.recordedAt(), e.idempotencyKey(), e.previousHash(),
        e.hash(), payload);
  }

  private static String trueHash(StoredEvent e) {
    byte[] bytes = RecordFormat.encode(e);
    MessageDigest d = RecordFormat.sha256();
    d.update(bytes, 0, bytes.length - RecordFormat.HASH_LENGTH);
    return HexFormat.of().formatHex(d.digest());
  }
}
