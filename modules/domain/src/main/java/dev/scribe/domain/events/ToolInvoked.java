package dev.scribe.domain.events;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * One {@code tools/call}, reads included, so a session can be replayed exactly. Stream: {@code
 * calls-<session id>}; the envelope's execution id ties it to the events the call caused.
 *
 * @param argumentsJson the arguments as the client sent them: one JSON object, compact text
 * @param outcome {@code ok}, {@code tool_error} (an {@code isError} result) or {@code cancelled}
 * @param errorCode the stable {@code error.code} of a failed call, else null
 */
public record ToolInvoked(
    String tool,
    String argumentsJson,
    String outcome,
    @Nullable String errorCode,
    long durationMicros)
    implements ScribeEvent {
  public ToolInvoked {
    requireNonNull(tool, "tool");
    requireNonNull(argumentsJson, "argumentsJson");
    requireNonNull(outcome, "outcome");
    if (durationMicros < 0) throw new IllegalArgumentException("durationMicros < 0");
  }
}
