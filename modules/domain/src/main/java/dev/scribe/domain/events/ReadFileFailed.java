package dev.scribe.domain.events;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * A {@code read_file} failed for a reason other than policy (missing file, invalid regex, …).
 * Stream: as for {@link FileRead}.
 */
public record ReadFileFailed(
    String path,
    @Nullable String absolutePath,
    String error,
    @Nullable String details,
    @Nullable String project,
    String repoRoot)
    implements ScribeEvent {
  public ReadFileFailed {
    requireNonNull(path, "path");
    requireNonNull(error, "error");
    requireNonNull(repoRoot, "repoRoot");
  }
}
