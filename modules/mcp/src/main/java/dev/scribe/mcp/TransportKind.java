package dev.scribe.mcp;

import java.util.Locale;

/** How a session reaches the server. Loopback connections bridged from {@code scribe stdio} are {@link #STDIO}. */
public enum TransportKind {
  HTTP,
  STDIO;

  /** {@code "http"} or {@code "stdio"}, as recorded. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
