package dev.scribe.mcp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One {@code tools/call}, as a handler sees it.
 *
 * @param sessionId the MCP session the call belongs to (the isolation key for everything it does)
 * @param executionId unique per call; ties the recorded {@code ToolInvoked} to the events the call
 *     causes
 * @param arguments validated arguments (a private copy: the handler may keep it)
 */
public record ToolCall(
    String sessionId,
    String executionId,
    String toolName,
    ObjectNode arguments,
    ToolContext context) {
  public ToolCall {
    requireNonNull(sessionId, "sessionId");
    requireNonNull(executionId, "executionId");
    requireNonNull(toolName, "toolName");
    requireNonNull(arguments, "arguments");
    requireNonNull(context, "context");
  }
}
