package dev.scribe.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * What a {@code tools/call} answered, as a test sees it.
 *
 * @param structured the result's {@code structuredContent} (an empty object when absent)
 * @param text the first text block
 */
public record ToolReply(boolean isError, JsonNode structured, String text) {

  /** {@code structuredContent.ok}, or true when the result has no error flag. */
  public boolean ok() {
    return !isError && structured.path("ok").asBoolean(true);
  }

  /** {@code structuredContent.error.code}, or "" when not an error. */
  public String errorCode() {
    return structured.path("error").path("code").asText("");
  }

  /** {@code structuredContent.error.message}, or "" when not an error. */
  public String errorMessage() {
    return structured.path("error").path("message").asText("");
  }

  /** A member of the structured content by JSON pointer, e.g. {@code /project/name}. */
  public JsonNode at(String pointer) {
    JsonNode n = structured.at(pointer);
    return n == null ? MissingNode.getInstance() : n;
  }

  @Override
  public String toString() {
    return (isError ? "ERROR " : "OK ") + structured;
  }
}
