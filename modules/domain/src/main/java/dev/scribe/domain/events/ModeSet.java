package dev.scribe.domain.events;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * A session chose its mode. Stream: {@code session-<id>}.
 *
 * @param mode {@code project} or {@code sentinel}
 * @param repoRoot the repository a sentinel session audits (absolute, real path); null in project
 *     mode
 */
public record ModeSet(String sessionId, String mode, @Nullable String repoRoot)
    implements ScribeEvent {
  public ModeSet {
    requireNonNull(sessionId, "sessionId");
    requireNonNull(mode, "mode");
  }
}
