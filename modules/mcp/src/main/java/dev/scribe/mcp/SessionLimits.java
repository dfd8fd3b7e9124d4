package dev.scribe.mcp;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Bounds on HTTP sessions, which clients rarely DELETE.
 *
 * @param idleTtl a session with no request, no running call and no open GET stream for this long
 *     is closed as {@code expired} by the next sweep; {@link Duration#ZERO} disables expiry
 * @param maxSessions opening one more closes the least recently active session as {@code evicted}
 */
public record SessionLimits(Duration idleTtl, int maxSessions) {
  public SessionLimits {
    requireNonNull(idleTtl, "idleTtl");
    if (idleTtl.isNegative()) {
      throw new IllegalArgumentException("idleTtl must not be negative");
    }
    if (maxSessions < 1) {
      throw new IllegalArgumentException("maxSessions must be positive");
    }
  }

  /** 30 minutes idle, 1,000 sessions. */
  public static SessionLimits defaults() {
    return new SessionLimits(Duration.ofMinutes(30), 1_000);
  }
}
