package dev.scribe.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A tool with its compiled schemas and its precomputed {@code tools/list} entry. */
public final class RegisteredTool {
  private final ToolDefinition definition;
  private final ToolHandler handler;
  private final Schema input;
  private final @Nullable Schema output;
  private final ObjectNode advertised;
  /**
   * Whether the input schema accepts {@code {}}: decided once here, so the calls of tools without
   * arguments (the most frequent, e.g. {@code health_check}) skip the validator.
   */
  private final boolean acceptsNoArguments;

  RegisteredTool(
      ToolDefinition definition,
      ToolHandler handler,
      Schema input,
      @Nullable Schema output,
      ObjectNode advertised) {
    this.definition = definition;
    this.handler = handler;
    this.input = input;
    this.output = output;
    this.advertised = advertised;
    this.acceptsNoArguments = input.validate(McpJson.object()).isEmpty();
  }

  public ToolDefinition definition() {
    return definition;
  }

  ToolHandler handler() {
    return handler;
  }

  /** The entry as published by {@code tools/list} (shared: never modify it). */
  public ObjectNode advertised() {
    return advertised;
  }

  /** The first input-schema violation, as {@code "$.field: what is wrong"}, if any. */
  public Optional<String> inputViolation(JsonNode arguments) {
    if (acceptsNoArguments && arguments.isObject() && arguments.isEmpty()) {
      return Optional.empty();
    }
    return firstViolation(input, arguments);
  }

  /** The first violation of the success output schema, if any (none without a schema). */
  public Optional<String> outputViolation(JsonNode structuredContent) {
    return output == null ? Optional.empty() : firstViolation(output, structuredContent);
  }

  private static Optional<String> firstViolation(Schema schema, JsonNode value) {
    List<Error> errors = schema.validate(value);
    if (errors.isEmpty()) {
      return Optional.empty();
    }
    Error first = errors.get(0);
    return Optional.of(first.toString());
  }
}
