package dev.scribe.domain.project;

import static java.util.Objects.requireNonNull;

import dev.scribe.domain.events.ProjectDeleted;
import dev.scribe.domain.project.DomainException.Codes;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code delete_project} (reference §3.11): archive (the docs directory moves to {@code
 * <archive_path>/<slug>_<yyyyMMdd_HHmmss>}) or permanent. Only sessions bound to the project are
 * affected (they get {@code project_deleted}); other sessions' bindings are untouched by
 * construction.
 */
public final class DeleteProject {
  public static final String ARCHIVE = "archive";
  public static final String PERMANENT = "permanent";

  /** Where archives go when no {@code archive_path} is given, relative to the project root. */
  public static final String DEFAULT_ARCHIVE_BASE = ".scribe/archived_projects";

  public static final String CONFIRMATION_ERROR =
      "Deletion requires explicit confirmation. Set confirm=True to proceed.";

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);

  private DeleteProject() {}

  /**
   * @param archivePath the directory archives go to: absolute, or relative to the project root;
   *     default {@value #DEFAULT_ARCHIVE_BASE}
   */
  public record Command(
      String name, String mode, boolean confirm, boolean force, @Nullable String archivePath) {
    public Command {
      requireNonNull(name, "name");
      requireNonNull(mode, "mode");
    }
  }

  /** The decision: the event and the project it deletes. */
  public record Decision(Project project, ProjectDeleted event) {}

  /**
   * Decides.
   *
   * @throws DomainException with an {@link DomainException#errors() errors} list: {@code
   *     invalid_argument} for a mode other than archive/permanent, {@code confirmation_required}
   *     without {@code confirm} or {@code force}, {@code project_not_found} for no live project of
   *     that name
   */
  public static Decision decide(Command cmd, ProjectRegistry registry, Instant now) {
    if (!ARCHIVE.equals(cmd.mode()) && !PERMANENT.equals(cmd.mode())) {
      String e = "Invalid mode: " + cmd.mode() + ". Must be 'archive' or 'permanent'.";
      throw new DomainException(Codes.INVALID_ARGUMENT, e, List.of(e));
    }
    if (!cmd.confirm() && !cmd.force()) {
      throw new DomainException(
          Codes.CONFIRMATION_REQUIRED,
          "Safety check failed: confirmation required",
          List.of(CONFIRMATION_ERROR));
    }
    String name = cmd.name().trim();
    Project p =
        registry
            .find(name)
            .orElseThrow(
                () -> {
                  String e = "Project '" + name + "' not found.";
                  return new DomainException(Codes.PROJECT_NOT_FOUND, e, List.of(e));
                });
    String archive = null;
    if (ARCHIVE.equals(cmd.mode())) {
      Path base = archiveBase(p, cmd.archivePath());
      archive = base.resolve(p.slug() + "_" + STAMP.format(now)).toString();
    }
    return new Decision(p, new ProjectDeleted(p.name(), cmd.mode(), archive));
  }

  private static Path archiveBase(Project p, @Nullable String given) {
    Path root = Path.of(p.root());
    if (given == null || given.isBlank()) return root.resolve(DEFAULT_ARCHIVE_BASE).normalize();
    try {
      return root.resolve(given).normalize();
    } catch (InvalidPathException e) {
      String m = "Invalid archive_path '" + given + "': " + e.getReason();
      throw new DomainException(Codes.INVALID_ARGUMENT, m, List.of(m));
    }
  }
}
