package dev.scribe.mcp;

/**
 * Answers {@code completion/complete}. Runs on the server's executor. Throwing {@link
 * IllegalArgumentException} answers invalid params ({@code -32602}), anything else is an internal
 * error. A server advertises the {@code completions} capability only when it has one.
 */
@FunctionalInterface
public interface CompletionHandler {
  Completion complete(CompletionRequest request) throws Exception;
}
