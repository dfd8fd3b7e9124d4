package dev.scribe.mcp;

import static java.util.Objects.requireNonNull;

/** What an {@code initialize} request produced. */
public sealed interface InitOutcome {

  /** The wire response to send (the result, or the error). */
  byte[] response();

  /** A new session; {@code response} is the {@code InitializeResult}. */
  record Opened(McpSession session, byte[] response) implements InitOutcome {
    public Opened {
      requireNonNull(session, "session");
      requireNonNull(response, "response");
    }
  }

  /** Bad {@code initialize} params: {@code response} is a JSON-RPC error; no session exists. */
  record Failed(byte[] response) implements InitOutcome {
    public Failed {
      requireNonNull(response, "response");
    }
  }
}
