package dev.scribe.domain.events;

import static java.util.Objects.requireNonNull;

/**
 * The server minted an MCP session. Stream: {@code session-<id>}.
 *
 * @param transport {@code http} or {@code stdio}
 * @param protocolVersion the MCP protocol version negotiated by {@code initialize}
 */
public record SessionOpened(
    String sessionId,
    String transport,
    String clientName,
    String clientVersion,
    String protocolVersion)
    implements ScribeEvent {
  public SessionOpened {
    requireNonNull(sessionId, "sessionId");
    requireNonNull(transport, "transport");
    requireNonNull(clientName, "clientName");
    requireNonNull(clientVersion, "clientVersion");
    requireNonNull(protocolVersion, "protocolVersion");
  }
}
