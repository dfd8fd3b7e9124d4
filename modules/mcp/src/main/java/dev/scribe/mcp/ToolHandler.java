package dev.scribe.mcp;

import java.util.concurrent.CompletionStage;

/**
 * Runs one tool. Called on the server's injected executor, never on a transport's event loop, and
 * only with arguments that passed the tool's input schema. A handler may fail the stage or throw:
 * {@link ErrorTable} turns the exception into an {@code isError} result.
 */
@FunctionalInterface
public interface ToolHandler {
  CompletionStage<ToolResult> call(ToolCall call);
}
