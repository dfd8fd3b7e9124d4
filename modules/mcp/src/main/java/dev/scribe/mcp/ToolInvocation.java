package dev.scribe.mcp;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * One finished {@code tools/call}, for the event log.
 *
 * @param argumentsJson the arguments as received ({@code {}} when the client sent none): always a
 *     JSON object in compact form (the protocol layer rejects non-object arguments before a call
 *     runs), so the event log stores it as it is, without parsing it again
 * @param errorCode the {@code error.code} of a {@link ToolOutcome#TOOL_ERROR}, else null
 * @param durationMicros from dispatch to the handler's completion, by the injected clock
 * @param readOnly the tool is declared read-only ({@link ToolAnnotations#readOnly()}): the call
 *     changed no state, so its record is all that a crash could lose
 */
public record ToolInvocation(
    String sessionId,
    String executionId,
    String tool,
    String argumentsJson,
    ToolOutcome outcome,
    @Nullable String errorCode,
    long durationMicros,
    boolean readOnly) {
  public ToolInvocation {
    requireNonNull(sessionId, "sessionId");
    requireNonNull(executionId, "executionId");
    requireNonNull(tool, "tool");
    requireNonNull(argumentsJson, "argumentsJson");
    requireNonNull(outcome, "outcome");
  }
}
