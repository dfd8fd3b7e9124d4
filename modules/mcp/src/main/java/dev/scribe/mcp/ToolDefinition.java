package dev.scribe.mcp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a tool publishes in {@code tools/list}.
 *
 * @param name 1-128 characters of {@code [A-Za-z0-9_.-]}, unique in a registry
 * @param title a human-readable name, or null
 * @param description what the tool does, for the model (required: clients and the conformance suite
 *     expect one)
 * @param inputSchema a JSON Schema (2020-12 unless it says otherwise) with root {@code type:
 *     object}; arguments are validated against it before the handler runs
 * @param outputSchema the schema of a successful call's {@code structuredContent}, root {@code
 *     type: object}. The published schema also admits the standard error shape (see {@link
 *     ToolRegistry}). Null for a tool that returns only content blocks ({@link
 *     ToolResult.Blocks}): then none is published.
 */
public record ToolDefinition(
    String name,
    @Nullable String title,
    String description,
    ObjectNode inputSchema,
    @Nullable ObjectNode outputSchema,
    ToolAnnotations annotations) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

  public ToolDefinition {
    requireNonNull(name, "name");
    requireNonNull(description, "description");
    requireNonNull(inputSchema, "inputSchema");
    requireNonNull(annotations, "annotations");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("tool name must match [A-Za-z0-9_.-]{1,128}: " + name);
    }
    if (description.isBlank()) {
      throw new IllegalArgumentException("tool " + name + " needs a description");
    }
    requireObjectRoot(name, "inputSchema", inputSchema);
    if (outputSchema != null) {
      requireObjectRoot(name, "outputSchema", outputSchema);
    }
    // Defensive copies: the registry precomputes JSON from these and must not see later edits.
    inputSchema = inputSchema.deepCopy();
    outputSchema = outputSchema == null ? null : outputSchema.deepCopy();
  }

  /** A definition without a title. */
  public static ToolDefinition of(
      String name,
      String description,
      ObjectNode inputSchema,
      ObjectNode outputSchema,
      ToolAnnotations annotations) {
    return new ToolDefinition(name, null, description, inputSchema, outputSchema, annotations);
  }

  /** A definition without a title and without an output schema (a content-block tool). */
  public static ToolDefinition contentTool(
      String name, String description, ObjectNode inputSchema, ToolAnnotations annotations) {
    return new ToolDefinition(name, null, description, inputSchema, null, annotations);
  }

  private static void requireObjectRoot(String tool, String which, ObjectNode schema) {
    JsonNode type = schema.get("type");
    if (type == null || !type.isTextual() || !"object".equals(type.textValue())) {
      throw new IllegalArgumentException(tool + ": " + which + " must have root type \"object\"");
    }
  }
}
