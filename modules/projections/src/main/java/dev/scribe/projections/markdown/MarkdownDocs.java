package dev.scribe.projections.markdown;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.scribe.domain.entry.LogType;
import dev.scribe.projections.DurableFiles;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates a project's documents for {@code set_project} (reference §3.3): the seven of
 * ARCHITECTURE_GUIDE, PHASE_PLAN, CHECKLIST, PROGRESS_LOG, DOC_LOG, SECURITY_LOG and BUG_LOG. The
 * four logs start as the Markdown view's template header, so the view adopts them unchanged; the
 * other three are short starting templates. Existing documents are skipped; {@code overwrite}
 * regenerates the three templates but never a log. Each file is written atomically.
 *
 * <p>Thread-safe (stateless).
 */
public final class MarkdownDocs {
  /** The base of project docs directories under a repository root. */
  public static final Path BASE = Path.of(".scribe", "docs", "dev_plans");

  /** The legacy base, used for a project when only its directory there exists (B04). */
  public static final Path LEGACY_BASE = Path.of("docs", "dev_plans");

  private static final Map<String, String> TEMPLATE_FILES = new LinkedHashMap<>();

  static {
    TEMPLATE_FILES.put("architecture", "ARCHITECTURE_GUIDE.md");
    TEMPLATE_FILES.put("phase_plan", "PHASE_PLAN.md");
    TEMPLATE_FILES.put("checklist", "CHECKLIST.md");
  }

  private static final Map<String, LogType> LOG_KEYS = new LinkedHashMap<>();

  static {
    LOG_KEYS.put("progress_log", LogType.PROGRESS);
    LOG_KEYS.put("doc_log", LogType.DOC_UPDATES);
    LOG_KEYS.put("security_log", LogType.SECURITY);
    LOG_KEYS.put("bug_log", LogType.BUGS);
  }

  /** One document: its key, path and whether this call wrote it. */
  public record Doc(String key, Path path, boolean generated) {
    public Doc {
      requireNonNull(key, "key");
      requireNonNull(path, "path");
    }
  }

  /** A document or directory that could not be written; the message is the one to show. */
  public static final class WriteFailedException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Path path;

    WriteFailedException(String message, Path path, Throwable cause) {
      super(message, cause);
      this.path = path;
    }

    public Path path() {
      return path;
    }
  }

  /**
   * {@code <root>/.scribe/docs/dev_plans/<slug>}, or {@code <root>/docs/dev_plans/<slug>} when only
   * that one exists.
   */
  public Path docsDir(Path root, String slug) {
    Path current = root.resolve(BASE).resolve(slug);
    Path legacy = root.resolve(LEGACY_BASE).resolve(slug);
    if (!Files.isDirectory(current) && Files.isDirectory(legacy)) return legacy;
    return current;
  }

  /**
   * Creates the missing documents, in the order architecture, phase_plan, checklist,
   * progress_log, doc_log, security_log, bug_log.
   *
   * @throws WriteFailedException when a directory or file cannot be written: {@code Insufficient
   *     permissions to write under '<dir>'.} (documents written before stay)
   */
  public List<Doc> scaffold(
      String projectName, Path docsDir, Path progressLog, String author, boolean overwrite)
      throws WriteFailedException {
    List<Doc> out = new ArrayList<>(7);
    for (Map.Entry<String, String> t : TEMPLATE_FILES.entrySet()) {
      Path p = docsDir.resolve(t.getValue());
      boolean write = overwrite || !Files.exists(p);
      if (write) writeDoc(p, LogTemplates.document(t.getKey(), projectName, author));
      out.add(new Doc(t.getKey(), p, write));
    }
    for (Map.Entry<String, LogType> l : LOG_KEYS.entrySet()) {
      Path p = l.getValue() == LogType.PROGRESS ? progressLog : docsDir.resolve(l.getValue().fileName());
      // Logs are never overwritten: they are the Markdown view's (or a legacy log it moves aside).
      boolean write = !Files.exists(p);
      if (write) writeDoc(p, LogTemplates.logHeader(l.getValue(), projectName, null));
      out.add(new Doc(l.getKey(), p, write));
    }
    return out;
  }

  private static void writeDoc(Path file, String content) throws WriteFailedException {
    Path dir = file.toAbsolutePath().getParent();
    try {
      if (dir != null) Files.createDirectories(dir);
    } catch (IOException e) {
      Path blocked = firstUnwritable(dir);
      throw new WriteFailedException(
          "Insufficient permissions to write under '" + blocked + "'.", blocked, e);
    }
    try {
      DurableFiles.replace(file, content.getBytes(UTF_8));
    } catch (AccessDeniedException e) {
      throw new WriteFailedException("Insufficient permissions to write under '" + dir + "'.", dir, e);
    } catch (FileSystemException e) {
      throw new WriteFailedException("Insufficient permissions to write under '" + dir + "'.", dir, e);
    } catch (IOException e) {
      throw new WriteFailedException("Could not write '" + file + "': " + e.getMessage(), file, e);
    }
  }

  /** The nearest existing ancestor of {@code dir}: where a directory could not be created. */
  private static Path firstUnwritable(Path dir) {
    Path p = dir;
    while (p.getParent() != null && !Files.exists(p)) p = p.getParent();
    return p;
  }
}
