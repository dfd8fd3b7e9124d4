package dev.scribe.mcp;

import java.util.Map;

/**
 * Renders one prompt. Runs on the server's executor. Its required arguments have been checked;
 * throwing {@link IllegalArgumentException} answers invalid params ({@code -32602}), anything else
 * is an internal error.
 */
@FunctionalInterface
public interface PromptHandler {
  PromptResult get(Map<String, String> arguments) throws Exception;
}
