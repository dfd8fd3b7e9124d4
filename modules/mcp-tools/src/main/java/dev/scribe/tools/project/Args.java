package dev.scribe.tools.project;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.domain.project.DomainException;
import dev.scribe.domain.project.DomainException.Codes;
import dev.scribe.mcp.McpJson;
import dev.scribe.tools.InvalidValues;
import dev.scribe.tools.ToolArguments;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Typed access to a call's arguments. The input schema has already checked the JSON types; these
 * methods handle the shapes a schema allows several of (a list or a JSON/CSV string) and report any
 * value they cannot use as {@code invalid_argument}, naming the parameter and the value.
 */
final class Args extends ToolArguments {
  Args(ObjectNode node) {
    super(node);
  }

  @Override
  protected RuntimeException invalid(String name, JsonNode value, String what) {
    return invalidValue(name, value, what);
  }

  @Nullable Double number(String name) {
    JsonNode v = raw(name);
    if (v == null) return null;
    if (v.isNumber()) return v.doubleValue();
    if (v.isTextual()) {
      try {
        return Double.parseDouble(v.textValue().trim());
      } catch (NumberFormatException e) {
        throw invalidValue(name, v, "a number is expected");
      }
    }
    throw invalidValue(name, v, "a number is expected");
  }

  /**
   * A list of strings given as a JSON array, a JSON-array string ({@code '["a","b"]'}) or a
   * comma-separated string ({@code "a, b"}); blank items are dropped.
   */
  @Nullable List<String> strings(String name) {
    JsonNode v = raw(name);
    return v == null ? null : strings(name, v);
  }

  static List<String> strings(String name, JsonNode v) {
    List<String> out = new ArrayList<>();
    if (v.isArray()) {
      for (JsonNode item : v) {
        if (item.isNull()) continue;
        if (item.isContainerNode()) throw invalidValue(name, v, "a list of strings is expected");
        out.add(item.isTextual() ? item.textValue() : item.asText());
      }
    } else if (v.isTextual()) {
      String s = v.textValue().trim();
      if (s.startsWith("[")) return strings(name, parseJson(name, s));
      for (String part : s.split(",")) if (!part.isBlank()) out.add(part.trim());
    } else {
      throw invalidValue(name, v, "a list of strings is expected");
    }
    return out;
  }

  /** A string → string map given as a JSON object or a JSON-object string; values rendered as text. */
  @Nullable Map<String, String> stringMap(String name) {
    JsonNode v = raw(name);
    if (v == null) return null;
    if (v.isTextual()) {
      String s = v.textValue().trim();
      if (s.isEmpty()) return Map.of();
      v = parseJson(name, s);
    }
    if (!v.isObject()) throw invalidValue(name, v, "an object is expected");
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      out.put(e.getKey(), MetaArgs.text(e.getValue()));
    }
    return out;
  }

  static JsonNode parseJson(String name, String text) {
    try {
      return McpJson.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw new DomainException(
          Codes.INVALID_ARGUMENT,
          "Invalid " + name + ": not valid JSON (" + e.getOriginalMessage() + ").");
    }
  }

  static DomainException invalidValue(String name, JsonNode value, String what) {
    return new DomainException(Codes.INVALID_ARGUMENT, InvalidValues.message(name, value, what));
  }

  static Optional<String> nonBlank(@Nullable String s) {
    return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
  }
}
