package dev.scribe.domain.events;

import static java.util.Objects.requireNonNull;

/**
 * A session bound itself to a project: the only way a project-mode tool finds its project.
 * Stream: {@code binding-<session id>}, whose version is the binding version {@code set_project}'s
 * {@code expected_version} refers to.
 */
public record ProjectBound(String sessionId, String project) implements ScribeEvent {
  public ProjectBound {
    requireNonNull(sessionId, "sessionId");
    requireNonNull(project, "project");
  }
}
