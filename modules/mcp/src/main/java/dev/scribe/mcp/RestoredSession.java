package dev.scribe.mcp;

import static java.util.Objects.requireNonNull;

/**
 * An HTTP session that was open when the server last stopped, read back from the event log at
 * start-up. It behaves like an initialized session (the client keeps using its id after a
 * restart); its log level starts at {@code info} again.
 */
public record RestoredSession(String sessionId, String protocolVersion, ClientInfo client) {
  public RestoredSession {
    requireNonNull(sessionId, "sessionId");
    requireNonNull(protocolVersion, "protocolVersion");
    requireNonNull(client, "client");
  }
}
