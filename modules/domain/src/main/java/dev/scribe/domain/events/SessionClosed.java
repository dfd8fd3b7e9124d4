package dev.scribe.domain.events;

import static java.util.Objects.requireNonNull;

/**
 * A session ended; later requests carrying its id get HTTP 404. Stream: {@code session-<id>}.
 *
 * @param reason {@code deleted} (client DELETE), {@code expired} (idle TTL), {@code evicted}
 *     (session cap), {@code disconnected} (stdio end of input) or {@code shutdown}
 */
public record SessionClosed(String sessionId, String reason) implements ScribeEvent {
  public SessionClosed {
    requireNonNull(sessionId, "sessionId");
    requireNonNull(reason, "reason");
  }
}
