package dev.scribe.mcp;

import java.util.Optional;

/**
 * Decides whether a session may call a tool at all, before its arguments are validated: a refusal
 * must not depend on whether the arguments happen to be valid (a refused call is still refused,
 * and whatever the gate records about it is still recorded). Runs on the tool executor.
 */
@FunctionalInterface
public interface ToolGate {

  /** Lets every call through. */
  ToolGate OPEN = call -> Optional.empty();

  /**
   * A refusal for {@code call} (whose arguments are not validated yet), or empty to go on with
   * validation and the handler.
   */
  Optional<ToolResult> refusal(ToolCall call);
}
