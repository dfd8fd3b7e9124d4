package dev.scribe.domain.project;

import static java.util.Objects.requireNonNull;

/**
 * A session's current binding: its last {@code ProjectBound}.
 *
 * @param version the session's binding stream version ({@code binding-<session>}) after it
 * @param position the log position of that {@code ProjectBound}
 */
public record Binding(String project, long version, long position) {
  public Binding {
    requireNonNull(project, "project");
    if (version < 1) throw new IllegalArgumentException("binding version must be >= 1");
    if (position < 1) throw new IllegalArgumentException("binding position must be >= 1");
  }
}
