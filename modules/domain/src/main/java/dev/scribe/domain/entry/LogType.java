package dev.scribe.domain.entry;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The project logs an entry can be written to, with the metadata each requires (reference §2.5).
 * A type name Scribe does not know falls back to the progress log, keeping its name in {@code
 * log_type}.
 */
public enum LogType {
  PROGRESS("progress", "PROGRESS_LOG.md", List.of(), "# 📜 Progress Log"),
  DOC_UPDATES("doc_updates", "DOC_LOG.md", List.of("doc", "section", "action"), "# 📚 Doc Update Log"),
  BUGS("bugs", "BUG_LOG.md", List.of("severity", "component", "status"), "# 🐞 Bug Log"),
  SECURITY("security", "SECURITY_LOG.md", List.of("severity", "area", "impact"), "# 🔐 Security Log"),
  GLOBAL("global", "GLOBAL_PROGRESS_LOG.md", List.of("project", "entry_type"), "# 🌐 Global Progress Log");

  /** Emojis that route an entry to the bug log too. */
  public static final Set<String> BUG_EMOJIS = Set.of("🐛", "🐞", "🪲");

  /** Emojis that route an entry to the security log too. */
  public static final Set<String> SECURITY_EMOJIS = Set.of("🔐", "🔒", "🛡️");

  private final String wireName;
  private final String fileName;
  private final List<String> requiredMeta;
  private final String title;

  LogType(String wireName, String fileName, List<String> requiredMeta, String title) {
    this.wireName = wireName;
    this.fileName = fileName;
    this.requiredMeta = requiredMeta;
    this.title = title;
  }

  public String wireName() {
    return wireName;
  }

  /** The file name in the project's docs directory ({@code global}: in {@code <root>/docs}). */
  public String fileName() {
    return fileName;
  }

  /** Meta keys a direct write to this log must carry. */
  public List<String> requiredMeta() {
    return requiredMeta;
  }

  /** The first line of a fresh file of this log. */
  public String title() {
    return title;
  }

  /** The known log type with this name, exact match. */
  public static Optional<LogType> parse(String name) {
    for (LogType t : values()) if (t.wireName.equals(name)) return Optional.of(t);
    return Optional.empty();
  }

  /** The log a type name writes to: its own, or progress for unknown names. */
  public static LogType fileOf(String name) {
    return parse(name).orElse(PROGRESS);
  }
}
