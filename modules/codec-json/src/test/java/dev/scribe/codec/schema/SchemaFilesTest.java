package dev.scribe.codec.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scribe.codec.EventCodec;
import dev.scribe.codec.Json;
import dev.scribe.domain.events.CaseOpened;
import dev.scribe.domain.events.MetaPair;
import dev.scribe.domain.events.ScribeEvent;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schema files are well formed, and each payload schema describes exactly what the codec
 * writes for its record: the same property names, required exactly when the component is not
 * {@code @Nullable}, with the same JSON types.
 */
class SchemaFilesTest {
  private static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
  private final EventCodec codec = new EventCodec();

  static Stream<String> schemaFiles() {
    return EventSchemaValidator.publishedFiles().stream();
  }

  static Stream<Class<? extends ScribeEvent>> eventTypes() {
    return EventCodec.EVENT_TYPES.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemaFiles")
  void a_schema_names_its_dialect_and_its_versioned_id(String path) {
    JsonNode schema = SchemaResources.classpathJson(path);
    assertThat(schema.path("$schema").asText()).isEqualTo(DIALECT);
    assertThat(schema.path("$id").asText()).isEqualTo(EventSchemaValidator.ID_BASE + path).containsPattern("\\.v[1-9][0-9]*\\.");
    assertThat(schema.path("type").asText()).isEqualTo("object");
    assertThat(schema.path("additionalProperties").isBoolean() && !schema.path("additionalProperties").asBoolean())
        .as("%s has additionalProperties: false", path).isTrue();
    assertThat(schema.path("description").asText()).as("description").isNotBlank();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("eventTypes")
  void the_payload_schema_matches_what_the_codec_writes(Class<? extends ScribeEvent> type) throws Exception {
    JsonNode schema = SchemaResources.classpathJson("events/" + type.getSimpleName() + ".v1.schema.json");
    JsonNode full = Json.mapper().readTree(codec.encode(instance(type, true)));
    JsonNode minimal = Json.mapper().readTree(codec.encode(instance(type, false)));

    assertThat(names(schema.get("properties"))).as("properties").isEqualTo(names(full));
    Set<String> required = new TreeSet<>();
    schema.get("required").forEach(n -> required.add(n.asText()));
    assertThat(required).as("required (the components that are not @Nullable)").isEqualTo(names(minimal));

    for (Iterator<Map.Entry<String, JsonNode>> it = full.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String expected = jsonType(field.getValue());
      String declared = declaredType(schema, schema.get("properties").get(field.getKey()));
      assertThat(declared).as("type of %s", field.getKey()).isEqualTo(expected);
    }
  }

  private static Set<String> names(JsonNode object) {
    Set<String> names = new TreeSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String jsonType(JsonNode n) {
    if (n.isTextual()) return "string";
    if (n.isIntegralNumber()) return "integer";
    if (n.isNumber()) return "number";
    if (n.isArray()) return "array";
    if (n.isObject()) return "object";
    if (n.isBoolean()) return "boolean";
    return n.getNodeType().toString();
  }

  /** The {@code type} of a property schema, following a local {@code $ref}. */
  private static String declaredType(JsonNode root, JsonNode property) {
    if (property.has("type")) return property.get("type").asText();
    String ref = property.path("$ref").asText();
    assertThat(ref).as("a property without type must be a local $ref").startsWith("#/$defs/");
    return declaredType(root, root.get("$defs").get(ref.substring("#/$defs/".length())));
  }

  /**
   * An instance of {@code type}: every component set ({@code full}) or only the non-nullable ones.
   * Strings that hold JSON text (components named {@code …Json}) get an object.
   */
  private static ScribeEvent instance(Class<? extends ScribeEvent> type, boolean full) throws Exception {
    RecordComponent[] components = type.getRecordComponents();
    Object[] args = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      types[i] = c.getType();
      boolean nullable = c.getAnnotatedType().isAnnotationPresent(Nullable.class);
      args[i] = nullable && !full ? null : value(c);
    }
    return type.getDeclaredConstructor(types).newInstance(args);
  }

  private static Object value(RecordComponent c) {
    Class<?> t = c.getType();
    if (t == String.class) {
      // Components the records check (a case's kind and its id prefix) get values that pass.
      if (c.getDeclaringRecord() == CaseOpened.class && c.getName().equals("kind")) return "bug";
      if (c.getDeclaringRecord() == CaseOpened.class && c.getName().equals("caseId")) {
        return "BUG-2026-01-01-0001";
      }
      return c.getName().endsWith("Json") ? "{\"k\":1}" : "x";
    }
    if (t == long.class) return 1L;
    if (t == int.class) return 1;
    if (t == Double.class) return 0.5;
    if (t == Map.class) return new LinkedHashMap<>(Map.of("k", "v"));
    if (t == List.class) {
      Object element = ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0];
      return element == MetaPair.class ? List.of(new MetaPair("k", "v")) : List.of("x");
    }
    throw new AssertionError("no sample value for component " + c + " of type " + t + ": extend this test");
  }
}
