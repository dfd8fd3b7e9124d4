package dev.scribe.tools.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.domain.query.InvalidQueryException;
import dev.scribe.mcp.McpJson;
import dev.scribe.tools.InvalidValues;
import dev.scribe.tools.ToolArguments;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Typed reads of a call's arguments. The input schema has checked the JSON types; these methods
 * accept the shapes the schema allows several of (a list, or one string, or a JSON/CSV string) and
 * report anything else as {@link InvalidQueryException} naming the parameter and the value.
 */
final class JsonArgs extends ToolArguments {
  JsonArgs(ObjectNode node) {
    super(node);
  }

  @Override
  protected RuntimeException invalid(String name, JsonNode value, String what) {
    return invalidValue(name, value, what);
  }

  @Nullable Double number(String name) {
    JsonNode v = raw(name);
    if (v == null) return null;
    if (!v.isNumber()) throw invalidValue(name, v, "a number is expected");
    return v.doubleValue();
  }

  /**
   * A list of strings: a JSON array of strings, or one string — itself a JSON array ({@code
   * '["a","b"]'}), a comma-separated list ({@code "a, b"}) or a single value. Blank items are
   * dropped.
   *
   * @param csv whether a plain string is split on commas (not for emoji or agent names, which may
   *     contain commas)
   */
  List<String> strings(String name, boolean csv) {
    JsonNode v = raw(name);
    List<String> out = new ArrayList<>();
    if (v == null) return out;
    if (v.isTextual()) {
      String s = v.textValue().trim();
      if (s.startsWith("[")) {
        v = parse(name, s);
      } else {
        if (csv) {
          for (String part : s.split(",")) if (!part.isBlank()) out.add(part.trim());
        } else if (!s.isEmpty()) {
          out.add(v.textValue());
        }
        return out;
      }
    }
    if (!v.isArray()) throw invalidValue(name, v, "a list of strings is expected");
    for (JsonNode item : v) {
      if (!item.isTextual()) throw invalidValue(name, item, "a list of strings is expected");
      if (!item.textValue().isBlank()) out.add(item.textValue());
    }
    return out;
  }

  /** An object of string values, given as a JSON object or a JSON-object string. */
  Map<String, String> stringMap(String name) {
    JsonNode v = raw(name);
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null) return out;
    if (v.isTextual()) {
      if (v.textValue().isBlank()) return out;
      v = parse(name, v.textValue());
    }
    if (!v.isObject()) throw invalidValue(name, v, "an object of key/value strings is expected");
    var fields = v.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      JsonNode val = f.getValue();
      if (val.isTextual()) {
        out.put(f.getKey(), val.textValue());
      } else if (val.isNumber() || val.isBoolean()) {
        // Meta values are strings in the log; 3 and "3" mean the same filter.
        out.put(f.getKey(), val.asText());
      } else {
        throw invalidValue(name, val, "the value of '" + f.getKey() + "' must be a string");
      }
    }
    return out;
  }

  private static JsonNode parse(String name, String json) {
    try {
      return McpJson.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidQueryException(
          name, json, "Invalid JSON in " + name + ": " + e.getOriginalMessage());
    }
  }

  static InvalidQueryException invalidValue(String name, JsonNode value, String why) {
    String shown = InvalidValues.shown(value);
    return new InvalidQueryException(
        name, shown, "Invalid " + name + " " + (value.isTextual() ? "'" + shown + "'" : shown) + ": " + why + ".");
  }
}
