package dev.scribe.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scribe.mcp.Content;
import dev.scribe.mcp.ElicitResult;
import dev.scribe.mcp.LogLevel;
import dev.scribe.mcp.McpJson;
import dev.scribe.mcp.ResourceContents;
import dev.scribe.mcp.ToolAnnotations;
import dev.scribe.mcp.ToolCall;
import dev.scribe.mcp.ToolContext;
import dev.scribe.mcp.ToolDefinition;
import dev.scribe.mcp.ToolHandler;
import dev.scribe.mcp.ToolRegistry;
import dev.scribe.mcp.ToolResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The {@code test_*} tools of the conformance suite (0.1.16), with the names, arguments and
 * contents its scenarios check. They publish no output schema: they answer with plain content
 * blocks, as the suite's reference server does.
 */
final class FixtureTools {
  private static final String NO_ARGUMENTS = "{\"type\":\"object\",\"properties\":{}}";
  private static final ToolAnnotations HARMLESS = ToolAnnotations.forReads();

  private final Executor executor;
  private final ToolRegistry.Builder tools = ToolRegistry.builder();

  FixtureTools(Executor executor) {
    this.executor = executor;
  }

  static ToolRegistry registry(Executor executor) {
    return new FixtureTools(executor).build();
  }

  private ToolRegistry build() {
    add("test_simple_text", "Returns a simple text block.", NO_ARGUMENTS,
        c -> done(ToolResult.content(new Content.Text("This is a simple text response for testing."))));
    add("test_image_content", "Returns a PNG image (one red pixel).", NO_ARGUMENTS,
        c -> done(ToolResult.content(Content.Image.of(Media.RED_PIXEL_PNG, "image/png"))));
    add("test_audio_content", "Returns a WAV clip (0.1 s of silence).", NO_ARGUMENTS,
        c -> done(ToolResult.content(Content.Audio.of(Media.SILENCE_WAV, "audio/wav"))));
    add("test_embedded_resource", "Returns an embedded text resource.", NO_ARGUMENTS,
        c -> done(ToolResult.content(new Content.EmbeddedResource(new ResourceContents.Text(
            "test://embedded-resource", "text/plain", "This is an embedded resource content.")))));
    add("test_multiple_content_types", "Returns text, an image and an embedded resource.", NO_ARGUMENTS,
        c -> done(ToolResult.content(
            new Content.Text("Multiple content types test:"),
            Content.Image.of(Media.RED_PIXEL_PNG, "image/png"),
            new Content.EmbeddedResource(new ResourceContents.Text(
                "test://mixed-content-resource", "application/json", "{\"test\":\"data\",\"value\":123}")))));
    add("test_tool_with_logging", "Sends three info log messages, ~50 ms apart.", NO_ARGUMENTS, this::withLogging);
    add("test_error_handling", "Always fails with an isError result.", NO_ARGUMENTS,
        c -> done(ToolResult.contentError("This tool intentionally returns an error for testing")));
    add("test_tool_with_progress", "Reports progress 0, 50 and 100 of 100, ~50 ms apart.", NO_ARGUMENTS,
        this::withProgress);
    add("test_sampling", "Asks the client's model to answer a prompt (sampling/createMessage).",
        "{\"type\":\"object\",\"properties\":{\"prompt\":{\"type\":\"string\","
            + "\"description\":\"The prompt to send to the LLM\"}},\"required\":[\"prompt\"]}",
        this::sampling);
    add("test_elicitation", "Asks the user for a username and an email (elicitation/create).",
        "{\"type\":\"object\",\"properties\":{\"message\":{\"type\":\"string\","
            + "\"description\":\"The message to show the user\"}},\"required\":[\"message\"]}",
        c -> elicit(c, c.arguments().path("message").asText(), ElicitationSchemas.userInfo(), "User response: "));
    add("test_elicitation_sep1034_defaults", "Elicits a form whose fields all have defaults (SEP-1034).",
        NO_ARGUMENTS,
        c -> elicit(c, "Please review and update the form fields with defaults",
            ElicitationSchemas.withDefaults(), "Elicitation completed: "));
    add("test_elicitation_sep1330_enums", "Elicits a form with the five enum variants (SEP-1330).",
        NO_ARGUMENTS,
        c -> elicit(c, "Please select options from the enum fields", ElicitationSchemas.enums(),
            "Elicitation completed: "));
    add("json_schema_2020_12_tool", "Tool with JSON Schema 2020-12 features", ElicitationSchemas.JSON_SCHEMA_2020_12,
        c -> done(ToolResult.content(new Content.Text("Received: " + McpJson.text(c.arguments())))));
    return tools.build();
  }

  private void add(String name, String description, String inputSchema, ToolHandler handler) {
    tools.add(
        ToolDefinition.contentTool(name, description, McpJson.parseObject(inputSchema), HARMLESS),
        handler);
  }

  private CompletionStage<ToolResult> withLogging(ToolCall call) {
    ToolContext ctx = call.context();
    ctx.log(LogLevel.INFO, "Tool execution started");
    return Delays.step(executor)
        .thenRun(() -> ctx.log(LogLevel.INFO, "Tool processing data"))
        .thenCompose(v -> Delays.step(executor))
        .thenApply(
            v -> {
              ctx.log(LogLevel.INFO, "Tool execution completed");
              return ToolResult.content(new Content.Text("Tool with logging executed successfully"));
            });
  }

  private CompletionStage<ToolResult> withProgress(ToolCall call) {
    ToolContext ctx = call.context();
    ctx.progress(0, 100);
    return Delays.step(executor)
        .thenRun(() -> ctx.progress(50, 100))
        .thenCompose(v -> Delays.step(executor))
        .thenApply(
            v -> {
              ctx.progress(100, 100);
              return ToolResult.content(new Content.Text("Tool with progress executed successfully"));
            });
  }

  private CompletionStage<ToolResult> sampling(ToolCall call) {
    ObjectNode params = McpJson.object();
    ObjectNode message = params.putArray("messages").addObject().put("role", "user");
    message.putObject("content").put("type", "text").put("text", call.arguments().path("prompt").asText());
    params.put("maxTokens", 100);
    return call.context()
        .createMessage(params)
        .thenApply(result -> ToolResult.content(new Content.Text("LLM response: " + samplingText(result))));
  }

  private static String samplingText(JsonNode result) {
    JsonNode content = result.path("content");
    return content.path("text").isTextual() ? content.get("text").textValue() : McpJson.text(content);
  }

  private static CompletionStage<ToolResult> elicit(ToolCall call, String message, ObjectNode schema, String prefix) {
    return call.context()
        .elicit(message, schema)
        .thenApply(r -> ToolResult.content(new Content.Text(prefix + describe(r))));
  }

  private static String describe(ElicitResult r) {
    return "action=" + r.action().wireName()
        + ", content=" + (r.content() == null ? "{}" : McpJson.text(r.content()));
  }

  private static CompletionStage<ToolResult> done(ToolResult result) {
    return CompletableFuture.completedFuture(result);
  }
}
