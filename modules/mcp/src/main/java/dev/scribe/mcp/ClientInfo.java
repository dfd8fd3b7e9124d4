package dev.scribe.mcp;

import static java.util.Objects.requireNonNull;

/**
 * Who is on the other end, from {@code initialize}'s {@code clientInfo}. A missing name or version
 * is recorded as {@code "unknown"} rather than refusing the client.
 */
public record ClientInfo(String name, String version) {
  public static final String UNKNOWN = "unknown";

  public ClientInfo {
    // Interned: thousands of idle sessions share a handful of client names and versions.
    name = requireNonNull(name, "name").intern();
    version = requireNonNull(version, "version").intern();
  }
}
