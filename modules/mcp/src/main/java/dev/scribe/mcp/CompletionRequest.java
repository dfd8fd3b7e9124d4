package dev.scribe.mcp;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * One {@code completion/complete} request.
 *
 * @param argumentName the argument (or template variable) being completed
 * @param argumentValue what the user typed so far
 * @param context the values of arguments already resolved ({@code context.arguments}), possibly
 *     empty
 */
public record CompletionRequest(
    CompletionRef ref, String argumentName, String argumentValue, Map<String, String> context) {
  public CompletionRequest {
    requireNonNull(ref, "ref");
    requireNonNull(argumentName, "argumentName");
    requireNonNull(argumentValue, "argumentValue");
    context = Map.copyOf(context);
  }
}
