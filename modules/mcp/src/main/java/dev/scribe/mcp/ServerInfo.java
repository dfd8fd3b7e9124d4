package dev.scribe.mcp;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * What {@code initialize} says about us.
 *
 * @param instructions guidance for the model, or null
 */
public record ServerInfo(String name, String version, @Nullable String instructions) {
  public ServerInfo {
    requireNonNull(name, "name");
    requireNonNull(version, "version");
  }
}
