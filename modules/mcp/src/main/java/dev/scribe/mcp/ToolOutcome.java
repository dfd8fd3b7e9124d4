package dev.scribe.mcp;

import java.util.Locale;

/** How a {@code tools/call} ended. */
public enum ToolOutcome {
  /** A successful result was sent. */
  OK,
  /** An {@code isError} result was sent (schema violation, tool failure, exception). */
  TOOL_ERROR,
  /** The client cancelled, or the session ended, before the result: nothing was sent. */
  CANCELLED;

  private final String wireName = name().toLowerCase(Locale.ROOT);

  /** {@code "ok"}, {@code "tool_error"} or {@code "cancelled"}, as recorded. */
  public String wireName() {
    return wireName;
  }
}
