package dev.scribe.mcp;

import java.util.Locale;
import java.util.Optional;

/** RFC 5424 severities as MCP names them, least severe first. */
public enum LogLevel {
  DEBUG,
  INFO,
  NOTICE,
  WARNING,
  ERROR,
  CRITICAL,
  ALERT,
  EMERGENCY;

  /** The wire name ({@code "warning"}). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean atLeast(LogLevel threshold) {
    return compareTo(threshold) >= 0;
  }

  public static Optional<LogLevel> fromWire(String name) {
    for (LogLevel l : values()) {
      if (l.wireName().equals(name)) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }
}
