package dev.scribe.projections.sentinel;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One event as the sentinel files show it: the JSONL object (reference §2.7) and the Markdown
 * summary line, with the facts the sentinel search filters on.
 *
 * @param file which daily file the JSON line goes to
 * @param json the JSONL object, members in the reference's order
 * @param markdown the {@code SENTINEL_LOG.md} line (no line terminator)
 * @param paths the file paths the event concerns (read paths, case affected paths), for search
 */
public record SentinelLine(
    long position,
    String repoRoot,
    String repoId,
    String day,
    File file,
    String eventType,
    String timestampUtc,
    String executionId,
    String sessionId,
    String agentInstanceId,
    @Nullable String agentDisplayName,
    String intent,
    @Nullable String caseId,
    List<String> affectedProjects,
    List<String> paths,
    @Nullable String message,
    ObjectNode json,
    String markdown) {

  /** The daily files. */
  public enum File {
    SENTINEL("sentinel.jsonl"),
    BUG("bug.jsonl"),
    SECURITY("security.jsonl");

    private final String fileName;

    File(String fileName) {
      this.fileName = fileName;
    }

    public String fileName() {
      return fileName;
    }
  }

  /** The Markdown log next to the JSONL files. */
  public static final String MARKDOWN_FILE = "SENTINEL_LOG.md";

  public SentinelLine {
    requireNonNull(repoRoot, "repoRoot");
    requireNonNull(json, "json");
    affectedProjects = List.copyOf(affectedProjects);
    paths = List.copyOf(paths);
  }

  /** The JSONL line (no line terminator), in the reference's byte format. */
  public String jsonLine() {
    return PyJson.write(json);
  }
}
