package dev.scribe.mcp;

import java.util.concurrent.CompletionStage;

/**
 * Runs one tool, only with arguments that passed the tool's input schema. A handler may fail the
 * stage or throw: {@link ErrorTable} turns the exception into an {@code isError} result.
 *
 * <p>Called on the server's injected executor, unless it {@linkplain #neverBlocks never blocks}:
 * then the engine may call it on the transport's thread (an event loop) and save the hop.
 */
@FunctionalInterface
public interface ToolHandler {
  CompletionStage<ToolResult> call(ToolCall call);

  /**
   * True when {@link #call} does only CPU work and returns at once: it never waits (for a view,
   * an fsync, a lock held for long, a client's answer) and never writes. False by default.
   */
  default boolean neverBlocks() {
    return false;
  }

  /** {@code handler}, declared to {@linkplain #neverBlocks never block}. */
  static ToolHandler neverBlocking(ToolHandler handler) {
    return new ToolHandler() {
      @Override
      public CompletionStage<ToolResult> call(ToolCall call) {
        return handler.call(call);
      }

      @Override
      public boolean neverBlocks() {
        return true;
      }
    };
  }
}
