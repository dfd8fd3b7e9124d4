package dev.scribe.tools.ports;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * Creates a project's Markdown documents for {@code set_project} (reference §3.3, B01, B03, B04).
 *
 * <p>The seven documents and their keys: {@code architecture} (ARCHITECTURE_GUIDE.md), {@code
 * phase_plan} (PHASE_PLAN.md), {@code checklist} (CHECKLIST.md), {@code progress_log} (the
 * project's progress log, normally PROGRESS_LOG.md), {@code doc_log} (DOC_LOG.md), {@code
 * security_log} (SECURITY_LOG.md), {@code bug_log} (BUG_LOG.md). The four logs start as the
 * Markdown view's template header, so the view adopts them unchanged.
 *
 * <p>Thread-safe. Implementations do file I/O; handlers only call them.
 */
public interface DocsScaffolder {

  /** Every document key, in the order {@code generated}/{@code skipped} list them. */
  List<String> KEYS =
      List.of(
          "architecture", "phase_plan", "checklist", "progress_log", "doc_log", "security_log",
          "bug_log");

  /**
   * The docs directory of project slug {@code slug} under {@code root}: {@code
   * <root>/.scribe/docs/dev_plans/<slug>}, or the legacy {@code <root>/docs/dev_plans/<slug>} when
   * only that one exists (reference §2.6, B04). Reads the file system; creates nothing.
   *
   * @param root an absolute, normalised repository root
   */
  Path docsDir(Path root, String slug);

  /**
   * Creates the missing documents of {@code request} (and the directories they need). A document
   * that exists is skipped, unless {@code overwriteDocs} is set and it is not a log: logs are never
   * overwritten.
   *
   * @throws ScaffoldException when a directory or file cannot be written; nothing is reported as
   *     generated then (documents created before the failure stay)
   */
  Result scaffold(Request request);

  /**
   * What to scaffold.
   *
   * @param projectName the project's name (written into the templates)
   * @param root the repository root (absolute)
   * @param docsDir the docs directory, normally {@link #docsDir}
   * @param progressLog the project's progress log (may lie outside {@code docsDir}, inside {@code
   *     root})
   * @param author the author written into the non-log templates
   * @param overwriteDocs regenerate the non-log templates that exist
   */
  record Request(
      String projectName,
      Path root,
      Path docsDir,
      Path progressLog,
      String author,
      boolean overwriteDocs) {
    public Request {
      requireNonNull(projectName, "projectName");
      requireNonNull(root, "root");
      requireNonNull(docsDir, "docsDir");
      requireNonNull(progressLog, "progressLog");
      requireNonNull(author, "author");
    }
  }

  /**
   * What happened.
   *
   * @param docs every document's path by key, in {@link #KEYS} order
   * @param generated paths written by this call, in {@link #KEYS} order
   * @param skipped keys of the documents left as they were, in {@link #KEYS} order
   */
  record Result(List<Doc> docs, List<Path> generated, List<String> skipped) {
    public Result {
      docs = List.copyOf(requireNonNull(docs, "docs"));
      generated = List.copyOf(requireNonNull(generated, "generated"));
      skipped = List.copyOf(requireNonNull(skipped, "skipped"));
    }

    /** The path of document {@code key}. */
    public Path path(String key) {
      for (Doc d : docs) if (d.key().equals(key)) return d.path();
      throw new IllegalArgumentException("unknown document key: " + key);
    }
  }

  /** One document: its key and path. */
  record Doc(String key, Path path) {
    public Doc {
      requireNonNull(key, "key");
      requireNonNull(path, "path");
    }
  }

  /**
   * A document or directory could not be written. The message is the one {@code set_project}
   * shows, e.g. {@code Insufficient permissions to write under '<p>'.}
   */
  final class ScaffoldException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Path path;

    public ScaffoldException(String message, Path path, Throwable cause) {
      super(message, cause);
      this.path = path;
    }

    /** The directory or file that could not be written. */
    public Path path() {
      return path;
    }
  }
}
