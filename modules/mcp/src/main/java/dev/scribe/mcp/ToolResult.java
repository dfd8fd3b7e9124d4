package dev.scribe.mcp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What a tool returns: structured content plus one readable text block, or a tool error (the
 * shapes Scribe's tools use), or plain content blocks for tools without an output schema.
 */
public sealed interface ToolResult {

  /**
   * A successful call.
   *
   * @param structuredContent must match the tool's output schema
   * @param text the same result for a reader (the model sees this when it ignores structured
   *     content)
   */
  record Success(ObjectNode structuredContent, String text) implements ToolResult {
    public Success {
      requireNonNull(structuredContent, "structuredContent");
      requireNonNull(text, "text");
    }
  }

  /**
   * A tool failure, sent as an {@code isError: true} result whose structured content is {@code
   * {"ok":false,"error":{"code","message"}, ...details}} and whose text is the message.
   *
   * @param code a stable snake_case code a client can branch on
   * @param message what went wrong and what to do, for the model
   * @param details extra members merged into the structured content (not {@code ok} or {@code
   *     error})
   */
  record Failure(String code, String message, ObjectNode details) implements ToolResult {
    public Failure {
      requireNonNull(code, "code");
      requireNonNull(message, "message");
      requireNonNull(details, "details");
    }
  }

  /**
   * Content blocks without structured content (images, audio, embedded resources...). Only for
   * tools that publish no output schema: clients reject a non-error result without {@code
   * structuredContent} from a tool that has one.
   *
   * @param isError true for a tool failure ({@code isError: true})
   */
  record Blocks(List<Content> content, boolean isError) implements ToolResult {
    public Blocks {
      content = List.copyOf(content);
      if (content.isEmpty()) {
        throw new IllegalArgumentException("a result needs at least one content block");
      }
    }
  }

  static ToolResult success(ObjectNode structuredContent, String text) {
    return new Success(structuredContent, text);
  }

  /** A successful result made of {@code content}. */
  static ToolResult content(Content... content) {
    return new Blocks(List.of(content), false);
  }

  /** A failed result ({@code isError: true}) whose one text block is {@code message}. */
  static ToolResult contentError(String message) {
    return new Blocks(List.of(new Content.Text(message)), true);
  }

  static ToolResult error(String code, String message) {
    return new Failure(code, message, McpJson.object());
  }

  static ToolResult error(String code, String message, ObjectNode details) {
    return new Failure(code, message, details);
  }
}
