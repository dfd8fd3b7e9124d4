package dev.scribe.domain.events;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * A project was deleted. Sessions bound to it get a clear error afterwards; other sessions'
 * bindings are untouched. Stream: {@code projects}.
 *
 * @param mode {@code archive} or {@code permanent}
 * @param archivePath where an archived docs directory goes; null for permanent deletion
 */
public record ProjectDeleted(String name, String mode, @Nullable String archivePath)
    implements ScribeEvent {
  public ProjectDeleted {
    requireNonNull(name, "name");
    requireNonNull(mode, "mode");
  }
}
