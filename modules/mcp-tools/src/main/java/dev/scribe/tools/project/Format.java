package dev.scribe.tools.project;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.domain.project.DomainException;
import dev.scribe.domain.project.DomainException.Codes;
import dev.scribe.mcp.McpJson;
import dev.scribe.mcp.ToolResult;
import dev.scribe.tools.Schemas;
import java.util.List;
import java.util.Locale;

/**
 * {@code format}: only the text block changes (docs/tools-design.md §2). {@code readable} is a
 * short human summary; {@code structured} and {@code compact} put the structured content's JSON in
 * the text; {@code both} gives the summary followed by the JSON.
 */
enum Format {
  READABLE,
  STRUCTURED,
  COMPACT,
  BOTH;

  static final List<String> NAMES = List.of("readable", "structured", "compact", "both");

  static Format parse(Args args, Format fallback) {
    String s = args.string("format");
    if (s == null) return fallback;
    for (Format f : values()) if (f.name().toLowerCase(Locale.ROOT).equals(s)) return f;
    throw new DomainException(
        Codes.INVALID_ARGUMENT,
        "Invalid format '" + s + "'. Allowed: " + String.join(", ", NAMES) + ".");
  }

  static ObjectNode schema(String fallback) {
    return Schemas.stringEnum("how the text block is written (default " + fallback + ")", NAMES);
  }

  String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  ToolResult reply(ObjectNode structured, String summary) {
    String text =
        switch (this) {
          case READABLE -> summary;
          case STRUCTURED, COMPACT -> McpJson.text(structured);
          case BOTH -> summary + "\n\n" + McpJson.text(structured);
        };
    return ToolResult.success(structured, text);
  }
}
