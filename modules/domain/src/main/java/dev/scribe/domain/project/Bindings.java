package dev.scribe.domain.project;

import dev.scribe.domain.project.DomainException.Codes;
import java.util.Optional;

/**
 * The one rule by which a project-mode tool finds its project: through its own session's binding,
 * never anything else (no "current", "default" or other session's project; the {@code agent}
 * argument is data).
 */
public final class Bindings {
  /** The error text of a session that never called {@code set_project}. */
  public static final String NO_BINDING =
      "No project bound to this session: call set_project first";

  private Bindings() {}

  /** The error text of a session whose project was deleted after it bound itself to it. */
  public static String deletedMessage(String project) {
    return "Project '" + project
        + "' was deleted; call set_project to bind this session to a project";
  }

  /**
   * The project {@code binding} refers to.
   *
   * @throws DomainException {@code no_project_bound} without a binding; {@code project_deleted}
   *     when the bound project was deleted since, even if a project of the same name was registered
   *     again afterwards (that is another project: the session must bind to it explicitly)
   */
  public static Project resolve(Optional<Binding> binding, ProjectRegistry registry) {
    if (binding.isEmpty()) throw new DomainException(Codes.NO_PROJECT_BOUND, NO_BINDING);
    Binding b = binding.get();
    Optional<Project> p = registry.find(b.project());
    if (p.isEmpty() || p.get().registeredPosition() > b.position()) {
      throw new DomainException(Codes.PROJECT_DELETED, deletedMessage(b.project()));
    }
    return p.get();
  }
}
