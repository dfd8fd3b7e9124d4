package dev.scribe.codec.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.PathType;
import dev.scribe.codec.EnvelopeJson;
import dev.scribe.codec.Json;
import dev.scribe.eventlog.StoredEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates stored events against the published JSON Schemas of {@code event-schema/} (module
 * {@code scribe-event-schema}, on the classpath under {@value #CLASSPATH_ROOT}).
 *
 * <p>The envelope is checked against {@code envelope.v<envelopeVersion>.schema.json}; the payload
 * against {@code events/<type>.v<schemaVersion>.schema.json}, chosen here from the envelope's
 * {@code type} and {@code schemaVersion}. The choice is made in code rather than by {@code if/then}
 * in the envelope schema so that adding a type or a version adds files and never edits a published
 * one. The set of schemas is {@value #CATALOG}, which lists every published file.
 *
 * <p>Thread-safe. The schemas are loaded once per JVM: use {@link #shared()}.
 */
public final class EventSchemaValidator {
  /** Where the schema module's files are on the classpath. */
  public static final String CLASSPATH_ROOT = "scribe/event-schema/";

  /** The base of every schema's {@code $id}; the rest of the id is the file's path. */
  public static final String ID_BASE = "https://scribe.dev/schema/";

  /** The list of published schema files (path relative to {@code event-schema/}, with hashes). */
  public static final String CATALOG = "published.sha256";

  private static final Pattern CATALOG_LINE = Pattern.compile("([0-9a-f]{64})  (\\S+)");
  private static final Pattern ENVELOPE_FILE =
      Pattern.compile("envelope\\.v([1-9][0-9]*)\\.schema\\.json");
  private static final Pattern EVENT_FILE =
      Pattern.compile("events/([A-Z][A-Za-z0-9]*)\\.v([1-9][0-9]*)\\.schema\\.json");
  private static final int MAX_JSON_IN_MESSAGE = 4000;

  private final SortedMap<Integer, Schema> envelopes;
  private final SortedMap<String, Schema> payloads;

  private EventSchemaValidator(SortedMap<Integer, Schema> envelopes, SortedMap<String, Schema> payloads) {
    this.envelopes = envelopes;
    this.payloads = payloads;
  }

  private static final class Holder {
    static final EventSchemaValidator INSTANCE = load();
  }

  /** The validator over the schemas on the classpath, loaded on first use. */
  public static EventSchemaValidator shared() {
    return Holder.INSTANCE;
  }

  /** Every file listed in {@value #CATALOG}, as paths relative to {@code event-schema/}. */
  public static List<String> publishedFiles() {
    return List.copyOf(readCatalog().keySet());
  }

  /** The payload schema key of a type and version, e.g. {@code EntryAppended.v1}. */
  public static String key(String type, int schemaVersion) {
    return type + ".v" + schemaVersion;
  }

  /** The keys ({@code Type.vN}) of every payload schema. */
  public List<String> payloadSchemaKeys() {
    return List.copyOf(payloads.keySet());
  }

  /** Whether a payload schema exists for {@code type} at {@code schemaVersion}. */
  public boolean hasPayloadSchema(String type, int schemaVersion) {
    return payloads.containsKey(key(type, schemaVersion));
  }

  /**
   * The violations of a stored event: its envelope as {@link EnvelopeJson#toJson} writes it, and its
   * payload against the schema of its type and version. Empty when it is valid.
   */
  public List<Violation> validate(StoredEvent event) {
    JsonNode payload;
    try {
      // Stricter than EnvelopeJson (trailing tokens), as strict as the codec (duplicate keys).
      payload =
          Json.mapper()
              .reader()
              .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
              .readTree(event.payload());
    } catch (JsonProcessingException e) {
      return List.of(new Violation("$.payload", "is not JSON: " + e.getOriginalMessage()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (payload == null || payload.isMissingNode()) {
      return List.of(new Violation("$.payload", "is empty"));
    }
    return validateEnvelope(EnvelopeJson.toJson(event));
  }

  /**
   * The violations of an event in its envelope JSON form (an export line, a golden example):
   * envelope fields first, then the payload against its type's schema. Empty when it is valid.
   */
  public List<Violation> validateEnvelope(JsonNode envelope) {
    if (!envelope.isObject()) {
      return List.of(new Violation("$", "an envelope must be a JSON object, found " + envelope.getNodeType()));
    }
    JsonNode envelopeVersion = envelope.get("envelopeVersion");
    Schema envelopeSchema =
        envelopeVersion != null && envelopeVersion.canConvertToExactIntegral()
            ? envelopes.get(envelopeVersion.asInt())
            : null;
    if (envelopeSchema == null) {
      return List.of(
          new Violation(
              "$.envelopeVersion",
              "no envelope schema for " + envelopeVersion + "; known versions: " + envelopes.keySet()));
    }
    List<Violation> violations = new ArrayList<>(convert(envelopeSchema.validate(envelope), "$"));
    violations.addAll(validatePayloadOf(envelope));
    return Collections.unmodifiableList(violations);
  }

  /**
   * The violations of {@code payload} against the schema of {@code type} at {@code schemaVersion};
   * paths start at {@code $.payload}.
   */
  public List<Violation> validatePayload(String type, int schemaVersion, JsonNode payload) {
    Schema schema = payloads.get(key(type, schemaVersion));
    if (schema == null) {
      boolean typeKnown = payloads.keySet().stream().anyMatch(k -> k.startsWith(type + ".v"));
      return List.of(
          typeKnown
              ? new Violation(
                  "$.schemaVersion",
                  "no schema for event type '" + type + "' version " + schemaVersion
                      + "; known: " + payloads.keySet())
              : new Violation(
                  "$.type",
                  "no schema for event type '" + type + "' (version " + schemaVersion
                      + "); known: " + payloads.keySet()));
    }
    return convert(schema.validate(payload), "$.payload");
  }

  /** Throws an {@link AssertionError} listing the violations if {@code event} is not valid. */
  public void assertValid(StoredEvent event) {
    List<Violation> violations = validate(event);
    if (!violations.isEmpty()) throw new AssertionError(describe(event, violations));
  }

  /** Throws an {@link AssertionError} listing the violations if {@code envelope} is not valid. */
  public void assertValid(JsonNode envelope) {
    List<Violation> violations = validateEnvelope(envelope);
    if (!violations.isEmpty()) {
      throw new AssertionError(
          "Event does not match its schema:" + bullets(violations) + "\nEvent: " + shorten(envelope.toString()));
    }
  }

  /** A readable report of {@code event}'s violations, the event's JSON included. */
  public static String describe(StoredEvent event, List<Violation> violations) {
    String json;
    try {
      json = EnvelopeJson.toLine(event);
    } catch (RuntimeException e) {
      json = event + " (payload as text: " + new String(event.payload(), StandardCharsets.UTF_8) + ")";
    }
    return "Event at position " + event.position() + " (" + event.type() + " v"
        + event.schemaVersion() + " on stream '" + event.stream() + "') does not match its schema"
        + " (event-schema/envelope.v" + EnvelopeJson.ENVELOPE_VERSION + ".schema.json, event-schema/events/"
        + key(event.type(), event.schemaVersion()) + ".schema.json):"
        + bullets(violations) + "\nEvent: " + shorten(json);
  }

  private List<Violation> validatePayloadOf(JsonNode envelope) {
    JsonNode type = envelope.get("type");
    JsonNode version = envelope.get("schemaVersion");
    JsonNode payload = envelope.get("payload");
    // The envelope schema has already reported missing or mistyped selectors and payloads.
    if (type == null || !type.isTextual() || version == null || !version.canConvertToExactIntegral()
        || payload == null || !payload.isObject()) {
      return List.of();
    }
    return validatePayload(type.asText(), version.asInt(), payload);
  }

  private static List<Violation> convert(List<Error> errors, String root) {
    List<Violation> out = new ArrayList<>(errors.size());
    for (Error e : errors) {
      String path = e.getInstanceLocation().toString();
      // "required" and "additionalProperties" are reported on the parent object; name the field.
      String keyword = e.getKeyword();
      if (("required".equals(keyword) || "additionalProperties".equals(keyword))
          && e.getProperty() != null) {
        path = path + "." + e.getProperty();
      }
      String message = e.getMessage();
      if ("false".equals(keyword) || message.endsWith("is false")) {
        message = "must be absent here (the schema forbids it in this case: see its if/then)";
      }
      out.add(new Violation(root + path.substring(1), message));
    }
    return out;
  }

  private static String bullets(List<Violation> violations) {
    StringBuilder b = new StringBuilder();
    for (Violation v : violations) b.append("\n  - ").append(v);
    return b.toString();
  }

  private static String shorten(String json) {
    return json.length() <= MAX_JSON_IN_MESSAGE
        ? json
        : json.substring(0, MAX_JSON_IN_MESSAGE) + "… (" + json.length() + " chars)";
  }

  private static EventSchemaValidator load() {
    SchemaRegistryConfig config =
        SchemaRegistryConfig.builder()
            // 2020-12 treats "format" as an annotation by default; we want date-time/date checked.
            .formatAssertionsEnabled(true)
            .pathType(PathType.JSON_PATH)
            .build();
    SchemaRegistry registry =
        SchemaRegistry.withDialect(
            Dialects.getDraft202012(),
            b ->
                b.schemaRegistryConfig(config)
                    .schemaIdResolvers(r -> r.mapPrefix(ID_BASE, "classpath:" + CLASSPATH_ROOT)));
    SortedMap<Integer, Schema> envelopes = new TreeMap<>();
    SortedMap<String, Schema> payloads = new TreeMap<>();
    for (String path : readCatalog().keySet()) {
      Schema schema = registry.getSchema(SchemaLocation.of(ID_BASE + path));
      String id = schema.getSchemaNode().path("$id").asText();
      if (!id.equals(ID_BASE + path)) {
        throw new IllegalStateException(
            "event-schema/" + path + " has $id '" + id + "', expected '" + ID_BASE + path + "'");
      }
      schema.initializeValidators();
      Matcher envelope = ENVELOPE_FILE.matcher(path);
      Matcher event = EVENT_FILE.matcher(path);
      if (envelope.matches()) {
        envelopes.put(Integer.parseInt(envelope.group(1)), schema);
      } else if (event.matches()) {
        payloads.put(key(event.group(1), Integer.parseInt(event.group(2))), schema);
      } else {
        throw new IllegalStateException(
            CATALOG + " lists '" + path + "', which is neither envelope.vN.schema.json nor"
                + " events/<Type>.vN.schema.json");
      }
    }
    if (envelopes.isEmpty()) throw new IllegalStateException(CATALOG + " lists no envelope schema");
    return new EventSchemaValidator(
        Collections.unmodifiableSortedMap(envelopes), Collections.unmodifiableSortedMap(payloads));
  }

  /** path → SHA-256 hex, in file order. */
  static Map<String, String> readCatalog() {
    String resource = CLASSPATH_ROOT + CATALOG;
    ClassLoader loader = EventSchemaValidator.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            resource + " is not on the classpath: declare the test dependencies"
                + " dev.scribe:scribe-event-schema and com.networknt:json-schema-validator"
                + " (the codec-json test-jar does not bring its test dependencies along)");
      }
      return parseCatalog(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses {@code sha256sum} output: {@code <hex><two spaces><path>} per line. */
  static Map<String, String> parseCatalog(String text, String source) {
    Map<String, String> files = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty()) continue;
      Matcher m = CATALOG_LINE.matcher(line);
      if (!m.matches()) {
        throw new IllegalStateException(
            source + " line " + (i + 1) + " is not '<sha256 hex>  <path>' (sha256sum format): " + line);
      }
      if (files.put(m.group(2), m.group(1)) != null) {
        throw new IllegalStateException(source + " lists " + m.group(2) + " twice");
      }
    }
    return files;
  }
}
