package dev.scribe.domain.project;

import static java.util.Objects.requireNonNull;

import dev.scribe.domain.entry.LogType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A live (registered, not deleted) project as the registry knows it.
 *
 * @param root absolute, normalised
 * @param docsDir absolute, normalised: {@code <root>/.scribe/docs/dev_plans/<slug>} or the legacy
 *     {@code <root>/docs/dev_plans/<slug>}
 * @param progressLog absolute, normalised, inside {@code root}
 * @param defaults sorted by key ({@code emoji}/{@code default_emoji}, {@code agent}/{@code
 *     default_agent}, others kept as given)
 * @param registeredPosition the log position of the {@code ProjectRegistered} that made this
 *     incarnation of the name (0 before it is appended): a binding made before it belongs to an
 *     earlier, deleted incarnation
 */
public record Project(
    String name,
    String slug,
    String root,
    String docsDir,
    String progressLog,
    SortedMap<String, String> defaults,
    String author,
    @Nullable String description,
    List<String> tags,
    Instant registeredAt,
    Instant updatedAt,
    long registeredPosition) {

  /** The keys of {@link #docs()}, as {@code set_project}/{@code get_project} report them. */
  public static final List<String> DOC_KEYS =
      List.of("architecture", "phase_plan", "checklist", "progress_log");

  public Project {
    requireNonNull(name, "name");
    requireNonNull(slug, "slug");
    requireNonNull(root, "root");
    requireNonNull(docsDir, "docsDir");
    requireNonNull(progressLog, "progressLog");
    defaults = Collections.unmodifiableSortedMap(new TreeMap<>(requireNonNull(defaults, "defaults")));
    requireNonNull(author, "author");
    tags = List.copyOf(requireNonNull(tags, "tags"));
    requireNonNull(registeredAt, "registeredAt");
    requireNonNull(updatedAt, "updatedAt");
  }

  /** The project default emoji ({@code emoji}, else {@code default_emoji}), if any. */
  public Optional<String> defaultEmoji() {
    return firstNonBlank("emoji", "default_emoji");
  }

  /** The project default agent ({@code agent}, else {@code default_agent}), if any. */
  public Optional<String> defaultAgent() {
    return firstNonBlank("agent", "default_agent");
  }

  private Optional<String> firstNonBlank(String k1, String k2) {
    String v = defaults.get(k1);
    if (v == null || v.isBlank()) v = defaults.get(k2);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
  }

  /**
   * The file a log type is written to: the progress log for {@code progress} and unknown types,
   * {@code <root>/docs/GLOBAL_PROGRESS_LOG.md} for {@code global}, else {@code <docsDir>/<file>}.
   */
  public String logPath(String logTypeName) {
    LogType t = LogType.fileOf(logTypeName);
    return switch (t) {
      case PROGRESS -> progressLog;
      case GLOBAL -> Path.of(root, "docs", t.fileName()).toString();
      default -> Path.of(docsDir, t.fileName()).toString();
    };
  }

  /** The planning documents and the progress log by key ({@link #DOC_KEYS} order). */
  public Map<String, String> docs() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("architecture", Path.of(docsDir, "ARCHITECTURE_GUIDE.md").toString());
    m.put("phase_plan", Path.of(docsDir, "PHASE_PLAN.md").toString());
    m.put("checklist", Path.of(docsDir, "CHECKLIST.md").toString());
    m.put("progress_log", progressLog);
    return m;
  }
}
