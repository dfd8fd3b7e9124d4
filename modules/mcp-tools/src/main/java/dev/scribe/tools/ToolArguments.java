package dev.scribe.tools;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * Typed reads of one call's arguments, shared by the tool families. The input schema has already
 * checked the JSON types; a value these methods cannot use is reported through {@link #invalid},
 * which each family maps to its own error (its code and message form stay as they were). JSON
 * {@code null} counts as absent.
 */
public abstract class ToolArguments {
  private final ObjectNode node;

  protected ToolArguments(ObjectNode node) {
    this.node = requireNonNull(node, "node");
  }

  /** The error for a value of {@code name} that is not {@code what} (e.g. "a string is expected"). */
  protected abstract RuntimeException invalid(String name, JsonNode value, String what);

  public final @Nullable JsonNode raw(String name) {
    JsonNode v = node.get(name);
    return v == null || v.isNull() ? null : v;
  }

  public final boolean has(String name) {
    return raw(name) != null;
  }

  public final @Nullable String string(String name) {
    JsonNode v = raw(name);
    if (v == null) return null;
    if (!v.isTextual()) throw invalid(name, v, "a string is expected");
    return v.textValue();
  }

  public final String string(String name, String fallback) {
    String s = string(name);
    return s == null ? fallback : s;
  }

  public final boolean bool(String name, boolean fallback) {
    JsonNode v = raw(name);
    if (v == null) return fallback;
    if (!v.isBoolean()) throw invalid(name, v, "true or false is expected");
    return v.booleanValue();
  }

  /** An integer given as a JSON integer; {@code null} when absent. */
  public @Nullable Long integer(String name) {
    JsonNode v = raw(name);
    if (v == null) return null;
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw invalid(name, v, "an integer is expected");
    }
    return v.longValue();
  }
}
