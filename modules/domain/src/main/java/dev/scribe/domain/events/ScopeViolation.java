package dev.scribe.domain.events;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * A session tried something its scope forbids: a tool outside its mode, or a read the path policy
 * denies. Stream: {@code calls-<session id>}, or the sentinel day stream in sentinel mode.
 *
 * @param reason e.g. {@code tool_not_allowed_in_sentinel_mode}, {@code denylist_match}, {@code
 *     absolute_path_not_allowlisted}
 * @param mode the session's mode at the time
 * @param path the requested path of a denied read, else null
 */
public record ScopeViolation(
    String tool, String reason, String mode, @Nullable String path, @Nullable String repoRoot)
    implements ScribeEvent {
  public ScopeViolation {
    requireNonNull(tool, "tool");
    requireNonNull(reason, "reason");
    requireNonNull(mode, "mode");
  }
}
