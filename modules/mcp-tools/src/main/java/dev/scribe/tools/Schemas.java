package dev.scribe.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A small builder for the JSON Schemas (2020-12) tools publish, so every tool declares real
 * input and output schemas in a few readable lines.
 */
public final class Schemas {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Schemas() {}

  /** {@code {"type": "string", "description": …}}. */
  public static ObjectNode string(String description) {
    return typed("string", description);
  }

  /** A string limited to {@code values}. */
  public static ObjectNode stringEnum(String description, List<String> values) {
    ObjectNode s = string(description);
    ArrayNode e = s.putArray("enum");
    values.forEach(e::add);
    return s;
  }

  public static ObjectNode integer(String description) {
    return typed("integer", description);
  }

  /** An integer with an inclusive lower bound. */
  public static ObjectNode integer(String description, long minimum) {
    ObjectNode s = integer(description);
    s.put("minimum", minimum);
    return s;
  }

  public static ObjectNode number(String description) {
    return typed("number", description);
  }

  public static ObjectNode bool(String description) {
    return typed("boolean", description);
  }

  /** An array of {@code items}. */
  public static ObjectNode array(String description, ObjectNode items) {
    ObjectNode s = typed("array", description);
    s.set("items", items);
    return s;
  }

  /** Any JSON object. */
  public static ObjectNode anyObject(String description) {
    return typed("object", description);
  }

  /** A value of any of the given schemas (e.g. a list or a comma-separated string). */
  public static ObjectNode anyOf(String description, ObjectNode... options) {
    ObjectNode s = F.objectNode();
    s.put("description", description);
    ArrayNode a = s.putArray("anyOf");
    for (ObjectNode o : options) a.add(o);
    return s;
  }

  /** Any JSON value. */
  public static ObjectNode any(String description) {
    ObjectNode s = F.objectNode();
    s.put("description", description);
    return s;
  }

  /** An object schema under construction. */
  public static ObjectBuilder object() {
    return new ObjectBuilder();
  }

  private static ObjectNode typed(String type, String description) {
    ObjectNode s = F.objectNode();
    s.put("type", type);
    if (!description.isEmpty()) s.put("description", description);
    return s;
  }

  /** Builds {@code {"type":"object","properties":{…},"required":[…]}}. */
  public static final class ObjectBuilder {
    private final ObjectNode schema = F.objectNode();
    private final ObjectNode properties;
    private final ArrayNode required = F.arrayNode();

    private ObjectBuilder() {
      schema.put("type", "object");
      properties = schema.putObject("properties");
    }

    /** An optional property. */
    public ObjectBuilder prop(String name, JsonNode propertySchema) {
      properties.set(name, propertySchema);
      return this;
    }

    /** A required property. */
    public ObjectBuilder req(String name, JsonNode propertySchema) {
      properties.set(name, propertySchema);
      required.add(name);
      return this;
    }

    /** Rejects properties not declared (input schemas of tools that take no unknown keys). */
    public ObjectBuilder closed() {
      schema.put("additionalProperties", false);
      return this;
    }

    public ObjectBuilder description(String description) {
      schema.put("description", description);
      return this;
    }

    public ObjectNode build() {
      if (!required.isEmpty()) schema.set("required", required.deepCopy());
      return schema.deepCopy();
    }
  }
}
