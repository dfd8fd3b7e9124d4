package dev.scribe.mcp;

import java.util.Locale;

/** Why a session ended. */
public enum CloseReason {
  /** The client sent HTTP DELETE. */
  DELETED,
  /** Idle longer than the TTL. */
  EXPIRED,
  /** Pushed out by the session cap. */
  EVICTED,
  /** The stdio/loopback connection ended (end of input or a dropped socket). */
  DISCONNECTED,
  /** The server stopped while a connection-bound (stdio) session was open. */
  SHUTDOWN;

  /** {@code "deleted"}, {@code "expired"}, ... as recorded. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
