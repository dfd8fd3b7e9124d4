package dev.scribe.tools.project;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scribe.domain.entry.PythonStyle;
import dev.scribe.domain.project.DomainException;
import dev.scribe.domain.project.DomainException.Codes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code meta} in every shape the reference accepts (§2.1): an object, a JSON-object string, a
 * JSON array of pairs (or such a string), or a {@code "k=v,k2=v2"} string (parsed, unlike the
 * Python MCP path that wrapped it as {@code value=…}). Values become text the Python way
 * ({@link PythonStyle}): {@code True}/{@code False}, {@code None}, sorted-key JSON for containers.
 */
final class MetaArgs {
  private MetaArgs() {}

  /** The pairs of {@code value} in the caller's order (a repeated key: the later wins). */
  static Map<String, String> parse(String name, @Nullable JsonNode value) {
    Map<String, String> out = new LinkedHashMap<>();
    if (value == null || value.isNull()) return out;
    if (value.isObject()) {
      for (Map.Entry<String, JsonNode> e : value.properties()) out.put(e.getKey(), text(e.getValue()));
      return out;
    }
    if (value.isArray()) {
      for (JsonNode pair : value) {
        if (!pair.isArray() || pair.size() != 2 || pair.get(0).isContainerNode()) {
          throw new DomainException(
              Codes.INVALID_ARGUMENT,
              "Invalid " + name + ": a list of meta must hold [key, value] pairs, got " + pair + ".");
        }
        out.put(pair.get(0).asText(), text(pair.get(1)));
      }
      return out;
    }
    if (value.isTextual()) {
      String s = value.textValue().trim();
      if (s.isEmpty()) return out;
      if (s.startsWith("{") || s.startsWith("[")) return parse(name, Args.parseJson(name, s));
      return pairs(name, s);
    }
    throw Args.invalidValue(name, value, "an object, a list of [key, value] pairs or \"k=v,k2=v2\" is expected");
  }

  /** {@code "k=v,k2=v2"} (also {@code ;} between pairs); a pair without {@code =} is an error. */
  static Map<String, String> pairs(String name, String s) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String chunk : s.split("[,;]")) {
      if (chunk.isBlank()) continue;
      int eq = chunk.indexOf('=');
      if (eq <= 0 || chunk.substring(0, eq).isBlank()) {
        throw new DomainException(
            Codes.INVALID_ARGUMENT,
            "Invalid " + name + " '" + s + "': expected key=value pairs separated by commas"
                + " (e.g. \"scope=unit,task=42\"), or a JSON object.");
      }
      out.put(chunk.substring(0, eq).trim(), chunk.substring(eq + 1).trim());
    }
    return out;
  }

  /** A JSON value as the Python server wrote it into a line. */
  static String text(JsonNode v) {
    return PythonStyle.metaValue(java(v));
  }

  private static @Nullable Object java(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) return null;
    if (v.isTextual()) return v.textValue();
    if (v.isBoolean()) return v.booleanValue();
    if (v.isIntegralNumber()) return v.bigIntegerValue();
    if (v.isNumber()) return v.doubleValue();
    if (v.isArray()) {
      List<Object> l = new ArrayList<>();
      for (JsonNode item : v) l.add(java(item));
      return l;
    }
    if (v.isObject()) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : v.properties()) m.put(e.getKey(), java(e.getValue()));
      return m;
    }
    return v.asText();
  }
}
