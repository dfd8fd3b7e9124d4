package dev.scribe.domain.project;

import dev.scribe.domain.project.DomainException.Codes;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Lexical path rules of projects (no file system access): roots are absolute and normalised,
 * a progress log is resolved against the root and must lie inside it.
 */
public final class ProjectPaths {
  /** The error text of a progress log outside its project's root (reference §3.3, B02). */
  public static final String LOG_OUTSIDE_ROOT = "Progress log must be within the project root.";

  private ProjectPaths() {}

  /**
   * {@code root} as an absolute, normalised path.
   *
   * @throws DomainException {@code invalid_argument} for a relative or malformed path
   */
  public static Path root(String root) {
    Path p = parse("root", root);
    if (!p.isAbsolute()) {
      throw new DomainException(
          Codes.INVALID_ARGUMENT,
          "Invalid root '" + root + "': it must be an absolute path to the project's repository"
              + " ('~' and relative paths are not expanded).");
    }
    return p.normalize();
  }

  /**
   * A progress log given by a caller, resolved against {@code root} when relative, normalised.
   *
   * @throws DomainException {@code invalid_argument} when malformed or outside {@code root}
   */
  public static Path progressLog(Path root, String progressLog) {
    Path p = root.resolve(parse("progress_log", progressLog)).normalize();
    if (!p.startsWith(root) || p.equals(root)) {
      throw new DomainException(Codes.INVALID_ARGUMENT, LOG_OUTSIDE_ROOT);
    }
    return p;
  }

  /** The default progress log of a docs directory. */
  public static Path defaultProgressLog(Path docsDir) {
    return docsDir.resolve("PROGRESS_LOG.md");
  }

  private static Path parse(String parameter, String value) {
    if (value.isBlank()) {
      throw new DomainException(Codes.INVALID_ARGUMENT, "Invalid " + parameter + ": it is empty.");
    }
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new DomainException(
          Codes.INVALID_ARGUMENT, "Invalid " + parameter + " '" + value + "': " + e.getReason());
    }
  }
}
